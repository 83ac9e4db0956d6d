import {
  type AnchoringReport,
  type Answers,
  type BootstrapOptions,
  bootstrapClusterStatistics,
  goldScore,
  isGoldScored,
  type Question,
  type SuggestionArm,
} from '@feedbench/shared';

export interface ExperimentAnnotation {
  itemId: string;
  userId: string;
  answers: Answers;
  arm: SuggestionArm;
  judgeId: string;
}

const finiteOrNull = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);

/**
 * The anchoring effect of the suggestion experiment: per question, annotators' agreement with the judge's answer in
 * the arm shown the suggestion and in the arm not shown it, and the difference (shown - hidden). Agreement with the
 * judge is the gold score of the annotation with the judge's answer as the reference (the same per-type score gold
 * items use, shared/src/gold: 1 = same answer, partial credit for rankings and ratings). Arms are randomised per
 * assignment, so the difference estimates the suggestion's causal effect on agreement with it. The interval is a
 * percentile bootstrap resampling annotations (Efron & Tibshirani 1993, ch. 13; both arms from one resample).
 */
export function anchoringReport(input: {
  projectId: string;
  mode: AnchoringReport['mode'];
  judgeId: string | null;
  questions: readonly Question[];
  annotations: readonly ExperimentAnnotation[];
  judgeAnswers: ReadonlyMap<string, Answers>;
  bootstrap: Required<BootstrapOptions>;
}): AnchoringReport {
  const key = (judgeId: string, itemId: string) => `${judgeId}/${itemId}`;
  return {
    projectId: input.projectId,
    mode: input.mode,
    judgeId: input.judgeId,
    questions: input.questions
      .filter((q) => isGoldScored(q))
      .map((question) => {
        const scores: number[] = [];
        const shown: number[] = [];
        for (const annotation of input.annotations) {
          const reference = input.judgeAnswers.get(key(annotation.judgeId, annotation.itemId))?.[question.id];
          if (reference === undefined) continue;
          const score = goldScore(question, reference, annotation.answers[question.id]);
          if (score === null) continue;
          scores.push(score);
          shown.push(annotation.arm === 'shown' ? 1 : 0);
        }
        const mean = (draws: Float64Array, arm: number) => {
          let sum = 0;
          let weight = 0;
          for (let i = 0; i < scores.length; i++) {
            if (shown[i] !== arm) continue;
            sum += (draws[i] as number) * (scores[i] as number);
            weight += draws[i] as number;
          }
          return weight > 0 ? sum / weight : Number.NaN;
        };
        const statistics = [
          (d: Float64Array) => mean(d, 1),
          (d: Float64Array) => mean(d, 0),
          (d: Float64Array) => mean(d, 1) - mean(d, 0),
        ];
        const all = new Float64Array(scores.length).fill(1);
        const values = statistics.map((s) => s(all));
        const intervals =
          scores.length > 0 ? bootstrapClusterStatistics(scores.length, statistics, input.bootstrap) : [];
        const ci = (s: number): [number | null, number | null] | null => {
          const interval = intervals[s]?.ci;
          return interval && Number.isFinite(values[s]) ? [finiteOrNull(interval[0]), finiteOrNull(interval[1])] : null;
        };
        const arm = (s: number, value: number) => ({
          annotations: shown.filter((x) => x === value).length,
          agreement: finiteOrNull(values[s]),
          ci: ci(s),
        });
        return {
          questionId: question.id,
          label: question.label,
          shown: arm(0, 1),
          hidden: arm(1, 0),
          difference: finiteOrNull(values[2]),
          ci: ci(2),
        };
      }),
  };
}
