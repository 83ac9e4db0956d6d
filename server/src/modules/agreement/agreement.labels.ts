import type { LabelDistribution, Question } from '@feedbench/shared';
import type { SubmittedAnnotation } from './agreement.repository.ts';

type LabelQuestion = Extract<Question, { type: 'flags' | 'classification' }>;

const isLabelQuestion = (question: Question): question is LabelQuestion =>
  question.type === 'flags' || question.type === 'classification';

/**
 * How often each label was given, per flags or classification question: a flag counts once per output it was ticked
 * on (out of `judged` outputs), an option once per annotation that chose it (out of `judged` annotations). Every label
 * of the template is listed, zeros included, in template order; ids no longer in the template are left out.
 */
export function labelDistributions(
  questions: readonly Question[],
  annotations: readonly Pick<SubmittedAnnotation, 'answers'>[],
): LabelDistribution[] {
  return questions.filter(isLabelQuestion).map((question) => {
    const choices = question.type === 'flags' ? question.flags : question.options;
    const counts = new Map(choices.map((c) => [c.id, 0]));
    let judged = 0;
    for (const { answers } of annotations) {
      const answer = answers[question.id];
      if (answer?.type === 'flags' && question.type === 'flags') {
        for (const ticked of Object.values(answer.values)) {
          judged++;
          for (const id of ticked) if (counts.has(id)) counts.set(id, (counts.get(id) as number) + 1);
        }
      } else if (answer?.type === 'classification' && question.type === 'classification') {
        judged++;
        for (const id of answer.selected) if (counts.has(id)) counts.set(id, (counts.get(id) as number) + 1);
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
