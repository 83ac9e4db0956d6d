"""Independent implementations from Debian's packages, on the data bench/agreement/run.ts wrote.

Run with Debian's interpreter (/usr/bin/python3), where apt installed python3-nltk, python3-statsmodels and
python3-sklearn. Prints one JSON object: each metric's value and timings in milliseconds. Loading the files is not
timed; each timing covers the library call from in-memory Python data to the value.
"""
import json
import sys
import time
from itertools import combinations
from statistics import median

import nltk
import numpy
import sklearn
import statsmodels
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa


def timed(fn, runs):
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - start) * 1000)
    return float(value), median(times), min(times)


def main(ratings_path, rankings_path, runs):
    triples, by_unit, annotators = [], {}, []
    with open(ratings_path) as f:
        for line in f:
            unit, annotator, value = line.rstrip("\n").split("\t")
            triples.append((annotator, unit, int(value)))
            by_unit.setdefault(unit, {})[annotator] = int(value)
            if annotator not in annotators:
                annotators.append(annotator)
    annotators.sort()  # columns a0, a1, ...: Cohen's kappa compares a0 with a1, as run.ts does
    wide = numpy.array([[row[a] for a in annotators] for row in by_unit.values()], dtype=numpy.int64)
    first, second = wide[:, 0], wide[:, 1]

    rankings = {}
    with open(rankings_path) as f:
        for line in f:
            record = json.loads(line)
            groups = [entry if isinstance(entry, list) else [entry] for entry in record["value"]]
            rankings.setdefault(record["unit"], []).append((record["annotator"], groups))

    results = {"versions": {"python": sys.version.split()[0], "nltk": nltk.__version__,
                            "statsmodels": statsmodels.__version__, "sklearn": sklearn.__version__,
                            "numpy": numpy.__version__}}

    # NLTK builds its task from (coder, item, label) triples; building it is part of using it, so it is timed.
    results["alpha-interval"] = timed(lambda: AnnotationTask(data=triples, distance=interval_distance).alpha(), 1)
    results["alpha-nominal"] = timed(lambda: AnnotationTask(data=triples, distance=binary_distance).alpha(), 1)
    # statsmodels' documented path from a subjects x raters array: count table, then kappa.
    results["fleiss-kappa"] = timed(lambda: fleiss_kappa(aggregate_raters(wide)[0], method="fleiss"), runs)
    results["cohen-kappa"] = timed(lambda: cohen_kappa_score(first, second), runs)

    # Rankings: every pair of outputs (in id order) as a nominal value first-better / second-better / tie, per
    # (item, pair) unit, through NLTK's alpha; and the InstructGPT pairwise share in plain Python (not Debian's:
    # a second, independent implementation to check our value).
    def relations(groups):
        position = {output: rank for rank, group in enumerate(groups) for output in group}
        ids = sorted(position)
        return {(p, q): ("first-better" if position[p] < position[q] else "second-better"
                         if position[p] > position[q] else "tie") for p, q in combinations(ids, 2)}

    def pair_triples():
        return [(annotator, f"{item}|{p}|{q}", relation)
                for item, ranked in rankings.items() for annotator, groups in ranked
                for (p, q), relation in relations(groups).items()]

    results["pairwise-alpha"] = timed(lambda: AnnotationTask(data=pair_triples(), distance=binary_distance).alpha(), 1)

    def pairwise_share():
        shares = []
        for ranked in rankings.values():
            rel = [relations(groups) for _, groups in ranked]
            pair_shares = []
            for x, y in combinations(rel, 2):
                common = [pair for pair in x if pair in y]
                if common:
                    pair_shares.append(sum(x[pair] == y[pair] for pair in common) / len(common))
            if pair_shares:
                shares.append(sum(pair_shares) / len(pair_shares))
        return sum(shares) / len(shares)

    results["pairwise-agreement"] = timed(pairwise_share, 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3)
