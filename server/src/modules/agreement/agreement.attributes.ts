import type { Answers, Question, QuestionOf } from '@feedbench/shared';
import type { SubmittedAnnotation } from './agreement.repository.ts';

/**
 * HelpSteer-style attribute questions, read as one per-output rating question per attribute (`<question>.<attribute>`,
 * labelled "<question>: <attribute>", on the question's scale), so each attribute gets the rating question's
 * Krippendorff alpha (ordinal and interval) with its CI, series and low-agreement items. HelpSteer2 reports its
 * inter-annotator agreement per attribute the same way. The annotations gain the matching rating answers.
 */
export function withAttributeRatings(
  questions: readonly Question[],
  annotations: readonly SubmittedAnnotation[],
): { questions: Question[]; annotations: SubmittedAnnotation[] } {
  const attributeQuestions = questions.filter((q): q is QuestionOf<'attributes'> => q.type === 'attributes');
  if (attributeQuestions.length === 0) return { questions: [...questions], annotations: [...annotations] };
  const ratingId = (question: QuestionOf<'attributes'>, attributeId: string) => `${question.id}.${attributeId}`;
  const expanded = questions.flatMap((question): Question[] =>
    question.type !== 'attributes'
      ? [question]
      : question.attributes.map((attribute) => ({
          id: ratingId(question, attribute.id),
          label: `${question.label}: ${attribute.label}`,
          help: attribute.description ?? '',
          required: question.required,
          type: 'rating',
          scope: 'output',
          min: question.min,
          max: question.max,
          minLabel: '',
          maxLabel: '',
          pointLabels: [],
        })),
  );
  const withRatings = annotations.map((annotation) => {
    const answers: Answers = { ...annotation.answers };
    for (const question of attributeQuestions) {
      const answer = annotation.answers[question.id];
      if (answer?.type !== 'attributes') continue;
      for (const attribute of question.attributes) {
        const values: Record<string, number> = {};
        for (const [outputId, byAttribute] of Object.entries(answer.values)) {
          const value = byAttribute[attribute.id];
          if (value !== undefined) values[outputId] = value;
        }
        if (Object.keys(values).length > 0) answers[ratingId(question, attribute.id)] = { type: 'rating', values };
      }
    }
    return { ...annotation, answers };
  });
  return { questions: expanded, annotations: withRatings };
}
