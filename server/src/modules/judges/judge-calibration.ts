import {
  type AgreementReport,
  type AnnotatorAgreement,
  type Answers,
  type BootstrapOptions,
  type CalibrationReport,
  compareIds,
  type Question,
} from '@feedbench/shared';
import { annotatorTable } from '../agreement/agreement.annotators.ts';
import { withAttributeRatings } from '../agreement/agreement.attributes.ts';
import { hasAgreement, questionRecords } from '../agreement/agreement.records.ts';
import { buildAgreementReport } from '../agreement/agreement.report.ts';
import type { SubmittedAnnotation } from '../agreement/agreement.repository.ts';

/** A judge's stored answer as calibration reads it. */
export interface JudgeAnswerInput {
  judgeId: string;
  itemId: string;
  answers: Answers;
  displayOrder: string[];
  answeredAt: Date;
}

export interface CalibrationInput {
  projectId: string;
  questions: readonly Question[];
  humans: readonly SubmittedAnnotation[];
  judges: readonly { id: string; name: string }[];
  judgeAnswers: readonly JudgeAnswerInput[];
  /** Item id -> its metadata category (per-category rows); null: no category asked. */
  categories: { key: string; byItem: ReadonlyMap<string, string> } | null;
  bootstrap: Required<BootstrapOptions>;
  now: Date;
}

/** A judge's answer as one more annotation of its item (the judge's id as annotator; no time on task). */
function asAnnotation(answer: JudgeAnswerInput, item: SubmittedAnnotation): SubmittedAnnotation {
  return {
    itemId: answer.itemId,
    itemExternalId: item.itemExternalId,
    itemImportedAt: item.itemImportedAt,
    userId: answer.judgeId,
    answers: answer.answers,
    displayOrder: answer.displayOrder,
    submittedAt: answer.answeredAt,
    timeOnTaskMs: null,
  };
}

/** The agreement report of some annotations, as the dashboard builds it (the same estimates and bootstrap). */
function reportOf(input: CalibrationInput, annotations: readonly SubmittedAnnotation[]): AgreementReport {
  return buildAgreementReport({
    projectId: input.projectId,
    generatedAt: input.now,
    questions: input.questions,
    annotations,
    emails: new Map(),
    progress: { items: 0, annotations: 0, completedItems: 0, activeLeases: 0, skips: 0, overlapTarget: 1 },
    bootstrap: input.bootstrap,
    batchSize: 50,
  });
}

/**
 * Judge-vs-human agreement with the estimates of human-vs-human agreement (modules/agreement), per question and,
 * when asked, per metadata category. Both are computed on the same items (those with a judge answer and a human
 * answer), so the two rows compare like with like:
 * - humans: the agreement report of the human annotations of those items;
 * - judge vs humans: the same report over one unit per (item, human) holding that human's answer and the judge's,
 *   so every estimate is over judge-human pairs only (pairwise agreement: the mean over those pairs, as
 *   InstructGPT's agreement among pairs of labelers; alpha: Krippendorff's over the pairs as units). Its bootstrap
 *   resamples (item, human) units.
 */
export function calibrationReport(input: CalibrationInput): CalibrationReport {
  const humansByItem = new Map<string, SubmittedAnnotation[]>();
  for (const human of input.humans) humansByItem.set(human.itemId, [...(humansByItem.get(human.itemId) ?? []), human]);
  const groups: (string | null)[] = [null];
  if (input.categories) groups.push(...[...new Set(input.categories.byItem.values())].sort(compareIds));

  return {
    projectId: input.projectId,
    categoryKey: input.categories?.key ?? null,
    judges: input.judges.map((judge) => {
      const answers = input.judgeAnswers.filter((a) => a.judgeId === judge.id && humansByItem.has(a.itemId));
      return {
        judgeId: judge.id,
        name: judge.name,
        questions: groups.flatMap((category) => {
          const inGroup = answers.filter(
            (a) => category === null || input.categories?.byItem.get(a.itemId) === category,
          );
          const humans = inGroup.flatMap((a) => humansByItem.get(a.itemId) ?? []);
          const pairs = inGroup.flatMap((answer) =>
            (humansByItem.get(answer.itemId) ?? []).flatMap((human) => {
              const unit = `${answer.itemId}/${human.userId}`;
              return [
                { ...asAnnotation(answer, human), itemId: unit },
                { ...human, itemId: unit },
              ];
            }),
          );
          const judgeAlone = inGroup.flatMap((answer) => {
            const first = humansByItem.get(answer.itemId)?.[0];
            return first ? [asAnnotation(answer, first)] : [];
          });
          const humanReport = reportOf(input, humans);
          const pairReport = reportOf(input, pairs);
          const judgeReport = reportOf(input, judgeAlone);
          return pairReport.questions.map((question) => {
            const alone = judgeReport.questions.find((q) => q.questionId === question.questionId);
            return {
              questionId: question.questionId,
              label: question.label,
              category,
              items: inGroup.length,
              humans: humanReport.questions.find((q) => q.questionId === question.questionId)?.estimates ?? [],
              judgeVsHumans: question.estimates,
              judgePositionBias: alone && 'positionBias' in alone ? alone.positionBias : null,
            };
          });
        }),
      };
    }),
  };
}

/**
 * Each judge as one more row of the annotator quality table: its agreement with the leave-one-out consensus of the
 * annotators (here: the humans, as the judge is the one left out), as annotatorTable scores a human. The humans'
 * own rows are computed without any judge (agreement.service.ts), so a judge never moves their figures.
 */
export function judgeAnnotatorRows(
  questions: readonly Question[],
  humans: readonly SubmittedAnnotation[],
  judges: readonly { id: string; name: string }[],
  judgeAnswers: readonly JudgeAnswerInput[],
): AnnotatorAgreement[] {
  const firstHuman = new Map<string, SubmittedAnnotation>();
  for (const human of humans) if (!firstHuman.has(human.itemId)) firstHuman.set(human.itemId, human);
  return judges.flatMap((judge) => {
    const own = judgeAnswers.flatMap((answer) => {
      const item = firstHuman.get(answer.itemId);
      return answer.judgeId === judge.id && item ? [asAnnotation(answer, item)] : [];
    });
    if (own.length === 0) return [];
    const expanded = withAttributeRatings(questions, [...humans, ...own]);
    const withRecords = expanded.questions
      .filter(hasAgreement)
      .map((question) => ({ question, records: questionRecords(expanded.annotations, question) }));
    const row = annotatorTable(expanded.annotations, withRecords, new Map()).find((r) => r.userId === judge.id);
    return row ? [{ ...row, email: null, judgeName: judge.name }] : [];
  });
}
