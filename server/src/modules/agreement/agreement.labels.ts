import {
  judgedLabels,
  type LabelDistribution,
  type LabelQuestionType,
  labelChoices,
  type Question,
  type QuestionOf,
} from '@feedbench/shared';
import type { SubmittedAnnotation } from './agreement.repository.ts';

type LabelQuestion = QuestionOf<LabelQuestionType>;

const isLabelQuestion = (question: Question): question is LabelQuestion => labelChoices(question) !== null;

/**
 * How often each label was given, per question whose type gives labels (its module's `labels`): a flag counts once
 * per output it was ticked on (out of `judged` outputs), an option once per annotation that chose it (out of `judged`
 * annotations). Every label of the template is listed, zeros included, in template order; ids no longer in the
 * template are left out.
 */
export function labelDistributions(
  questions: readonly Question[],
  annotations: readonly Pick<SubmittedAnnotation, 'answers'>[],
): LabelDistribution[] {
  return questions.filter(isLabelQuestion).map((question) => {
    const choices = labelChoices(question) ?? [];
    const counts = new Map(choices.map((c) => [c.id, 0]));
    let judged = 0;
    for (const { answers } of annotations) {
      for (const given of judgedLabels(question, answers[question.id])) {
        judged++;
        for (const id of given) if (counts.has(id)) counts.set(id, (counts.get(id) as number) + 1);
      }
    }
    return {
      questionId: question.id,
      label: question.label,
      type: question.type,
      judged,
      labels: choices.map((c) => ({ id: c.id, label: c.label, count: counts.get(c.id) as number })),
    };
  });
}
