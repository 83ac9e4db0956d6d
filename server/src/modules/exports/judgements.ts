import type { ConsensusMethod, ExportOptions, Question } from '@feedbench/shared';
import { annotatorPseudonym } from './annotator-pseudonym.ts';
import { consensusRanking } from './consensus.ts';
import type { ExportAnnotation, ExportItem, ExportOutput } from './exports.repository.ts';
import { flaggedOutputs } from './output-flags.ts';
import { type PreferencePair, pairsFromRanking } from './ranking-pairs.ts';

/** The questions of a template an export reads. */
export interface TemplateView {
  /** The first ranking question: the one preference pairs come from. */
  rankingQuestion?: string;
  /** Every rating question (the rankings format lists them all). */
  ratingQuestions: { id: string; min: number; max: number }[];
}

export function templateView(questions: readonly Question[]): TemplateView {
  return {
    rankingQuestion: questions.find((q) => q.type === 'ranking')?.id,
    ratingQuestions: questions.flatMap((q) => (q.type === 'rating' ? [{ id: q.id, min: q.min, max: q.max }] : [])),
  };
}

/** One preference judgement over an item: one annotator's ranking, or the consensus of all of them. */
export interface Judgement {
  method: 'per-annotator' | ConsensusMethod;
  /** Pseudonymous ids of the annotators behind it. */
  annotators: string[];
  groups: string[][];
  /** Rating question id -> output id -> value (consensus: the mean over annotators who rated it). */
  ratings: Map<string, Map<string, number>>;
  /** Pairs under the chosen strategy; flagged chosen sides and (consensus) weak agreement already removed. */
  pairs: PreferencePair[];
  /** Consensus only. */
  scores?: Map<string, number>;
  /** Consensus only: mean agreement with the consensus over all its induced pairs; null when it induces none. */
  agreement?: number | null;
  /**
   * "All outputs are bad" (the ranking question's option): the ranking still orders them, but none is fit to imitate.
   * Consensus: a majority of its annotators said so.
   */
  allBad: boolean;
  /** Per annotator only. */
  submittedAt?: Date;
}

/** An item ready for the formats: its judgements and SFT completions, under the export options. */
export interface PreparedItem {
  item: ExportItem;
  outputs: Map<string, ExportOutput>;
  flagged: ReadonlySet<string>;
  judgements: Judgement[];
  /** Assistant replies to imitate: written demonstrations, or a ranking's single best output. */
  completions: string[];
}

export interface PrepareContext {
  projectId: string;
  template: TemplateView;
  options: Pick<
    ExportOptions,
    'aggregation' | 'consensus' | 'pairs' | 'minAgreement' | 'minAnnotations' | 'skipFlagged'
  >;
}

/** Null when the item does not pass the filters (too few annotations after the date filter). */
export function prepareItem(item: ExportItem, context: PrepareContext): PreparedItem | null {
  const { options, template } = context;
  if (item.annotations.length < options.minAnnotations) return null;
  const flagged = options.skipFlagged ? flaggedOutputs(item) : new Set<string>();
  const outputs = new Map(item.outputs.map((o) => [o.id, o]));
  const ranked = item.annotations.flatMap((annotation) => {
    const answer = template.rankingQuestion ? annotation.answers[template.rankingQuestion] : undefined;
    if (answer?.type !== 'ranking') return [];
    // Read loosely: `allBad` is an optional field newer templates add to ranking answers.
    return [{ annotation, groups: answer.groups, allBad: (answer as { allBad?: boolean }).allBad === true }];
  });
  const withoutFlaggedChosen = (pairs: PreferencePair[]) => pairs.filter((p) => !flagged.has(p.chosen));

  let judgements: Judgement[];
  if (options.aggregation === 'per-annotator') {
    judgements = ranked.map(({ annotation, groups, allBad }) => ({
      method: 'per-annotator',
      allBad,
      annotators: [annotatorPseudonym(context.projectId, annotation.userId)],
      groups,
      ratings: ratingsOf([annotation], template),
      pairs: withoutFlaggedChosen(pairsFromRanking(groups, options.pairs)),
      submittedAt: annotation.submittedAt,
    }));
  } else if (ranked.length === 0) {
    judgements = [];
  } else {
    const consensus = consensusRanking(
      ranked.map((r) => r.groups),
      item.outputs.map((o) => o.id),
      options.consensus,
    );
    const induced = pairsFromRanking(consensus.groups, 'all');
    const agreements = induced.map((p) => consensus.agreement(p.chosen, p.rejected));
    judgements = [
      {
        method: options.consensus,
        allBad: ranked.filter((r) => r.allBad).length * 2 > ranked.length,
        annotators: [...new Set(ranked.map((r) => annotatorPseudonym(context.projectId, r.annotation.userId)))],
        groups: consensus.groups,
        ratings: ratingsOf(
          ranked.map((r) => r.annotation),
          template,
        ),
        pairs: withoutFlaggedChosen(
          pairsFromRanking(consensus.groups, options.pairs).filter(
            (p) => consensus.agreement(p.chosen, p.rejected) >= options.minAgreement,
          ),
        ),
        scores: consensus.scores,
        agreement: agreements.length === 0 ? null : agreements.reduce((a, b) => a + b, 0) / agreements.length,
      },
    ];
  }

  const demonstrations = item.annotations.flatMap((annotation) =>
    Object.values(annotation.answers).flatMap((answer) => (answer.type === 'demonstration' ? [answer.text] : [])),
  );
  // A ranking's best output is a demonstration too when it stands alone at the top, is not flagged, and the
  // annotator did not call every output bad.
  const bestOutputs = judgements.flatMap((j) => {
    if (j.allBad) return [];
    const [top] = j.groups;
    const best = top?.length === 1 ? top[0] : undefined;
    const output = best === undefined || flagged.has(best) ? undefined : outputs.get(best);
    return output ? [output.content] : [];
  });
  return { item, outputs, flagged, judgements, completions: [...demonstrations, ...bestOutputs] };
}

/** Per rating question, each output's value: the annotator's, or the mean over several annotators. */
function ratingsOf(annotations: readonly ExportAnnotation[], template: TemplateView): Map<string, Map<string, number>> {
  const ratings = new Map<string, Map<string, number>>();
  for (const question of template.ratingQuestions) {
    const sums = new Map<string, { total: number; count: number }>();
    for (const annotation of annotations) {
      const answer = annotation.answers[question.id];
      if (answer?.type !== 'rating') continue;
      for (const [outputId, value] of Object.entries(answer.values)) {
        const sum = sums.get(outputId) ?? { total: 0, count: 0 };
        sum.total += value;
        sum.count += 1;
        sums.set(outputId, sum);
      }
    }
    ratings.set(
      question.id,
      new Map([...sums].map(([id, { total, count }]) => [id, Math.round((total / count) * 1000) / 1000])),
    );
  }
  return ratings;
}
