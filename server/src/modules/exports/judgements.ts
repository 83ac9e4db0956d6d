import {
  type Answer,
  type ConsensusMethod,
  type ExportOptions,
  expressesPreference,
  type PreferenceView,
  preferenceView,
  type Question,
  type QuestionType,
} from '@feedbench/shared';
import { annotatorPseudonym } from './annotator-pseudonym.ts';
import { consensusRanking } from './consensus.ts';
import type { ExportAnnotation, ExportItem, ExportOutput } from './exports.repository.ts';
import { flaggedOutputs } from './output-flags.ts';
import { type PreferencePair, pairsFromRanking } from './ranking-pairs.ts';

/** The questions of a template an export reads. */
export interface TemplateView {
  /**
   * The first question whose type expresses a preference over outputs (ranking, pairwise, best-of-k: its module's
   * `preference`): the one preference pairs come from.
   */
  preferenceQuestion?: { id: string; type: QuestionType; askStrength: boolean };
  /** Every rating question (the rankings format lists them all). */
  ratingQuestions: { id: string; min: number; max: number }[];
}

export function templateView(questions: readonly Question[]): TemplateView {
  const preference = questions.find(expressesPreference);
  return {
    preferenceQuestion: preference
      ? {
          id: preference.id,
          type: preference.type,
          askStrength: preference.type === 'pairwise' && preference.askStrength,
        }
      : undefined,
    ratingQuestions: questions.flatMap((q) => (q.type === 'rating' ? [{ id: q.id, min: q.min, max: q.max }] : [])),
  };
}

/**
 * A preference answer (ranking, pairwise, best-of-k) as ranking groups, with its "all bad" and Llama 2 margin, as its
 * type's module reads it (shared/src/questions/<type>.ts, `preference`); undefined for any other answer.
 */
export function preferenceOf(answer: Answer | undefined, outputIds: readonly string[]): PreferenceView | undefined {
  return preferenceView(answer, outputIds);
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
  /**
   * Llama 2's margin for the preference strength the annotator gave (pairwise questions that ask it; Touvron et al.
   * 2023, section 3.2.2); consensus: the mean over the annotators who preferred the consensus winner. Null: unknown.
   */
  strengthMargin: number | null;
  /** Per annotator only. */
  submittedAt?: Date;
}

/** An item ready for the formats: its judgements and SFT completions, under the export options. */
export interface PreparedItem {
  item: ExportItem;
  outputs: Map<string, ExportOutput>;
  /** Outputs a flag rules out (reported by the rankings format whatever the options). */
  flagged: ReadonlySet<string>;
  /** The outputs never used as a chosen, preferred or desirable side: `flagged` when skipFlagged, else none. */
  excluded: ReadonlySet<string>;
  judgements: Judgement[];
  /** Assistant replies to imitate: written demonstrations, or a ranking's (or best-of-K pick's) single best output. */
  completions: string[];
}

export interface PrepareContext {
  projectId: string;
  template: TemplateView;
  options: Pick<
    ExportOptions,
    'aggregation' | 'consensus' | 'pairs' | 'minAgreement' | 'minAnnotations' | 'skipFlagged' | 'flags'
  >;
}

/** Null when the item does not pass the filters (too few annotations after the date filter). */
export function prepareItem(item: ExportItem, context: PrepareContext): PreparedItem | null {
  const { options, template } = context;
  if (item.annotations.length < options.minAnnotations) return null;
  const flagged = flaggedOutputs(item, options.flags);
  const excluded = options.skipFlagged ? flagged : new Set<string>();
  const outputs = new Map(item.outputs.map((o) => [o.id, o]));
  const outputIds = item.outputs.map((o) => o.id);
  const ranked = item.annotations.flatMap((annotation) => {
    const question = template.preferenceQuestion;
    const preference = question ? preferenceOf(annotation.answers[question.id], outputIds) : undefined;
    return preference ? [{ annotation, ...preference }] : [];
  });
  const withoutFlaggedChosen = (pairs: PreferencePair[]) => pairs.filter((p) => !excluded.has(p.chosen));

  let judgements: Judgement[];
  if (options.aggregation === 'per-annotator') {
    judgements = ranked.map(({ annotation, groups, allBad, margin }) => ({
      method: 'per-annotator',
      allBad,
      strengthMargin: margin,
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
      outputIds,
      options.consensus,
    );
    const induced = pairsFromRanking(consensus.groups, 'all');
    const winner = consensus.groups[0]?.length === 1 ? consensus.groups[0][0] : undefined;
    const margins = ranked.flatMap((r) =>
      r.margin !== null && r.groups[0]?.length === 1 && r.groups[0][0] === winner ? [r.margin] : [],
    );
    const agreements = induced.map((p) => consensus.agreement(p.chosen, p.rejected));
    judgements = [
      {
        method: options.consensus,
        allBad: ranked.filter((r) => r.allBad).length * 2 > ranked.length,
        strengthMargin: margins.length === 0 ? null : margins.reduce((a, b) => a + b, 0) / margins.length,
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
    const output = best === undefined || excluded.has(best) ? undefined : outputs.get(best);
    return output ? [output.content] : [];
  });
  return { item, outputs, flagged, excluded, judgements, completions: [...demonstrations, ...bestOutputs] };
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
