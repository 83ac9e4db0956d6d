import type { Answer, Question } from '@feedbench/shared';
import { answerText } from '../../questions/QuestionParts.tsx';

/**
 * One answer as text, outputs named by their output ids (the same names for every annotator, whatever letters each
 * was shown): rankings as `o2 > o0 = o1`, ratings as `o0: 5`, pairwise as the preferred id, labels by their names.
 * Each type words its answer in its kind (questions/registry.ts).
 */
export function AnswerByOutputId({ question, answer }: { question: Question; answer: Answer | undefined }) {
  return (
    <span style={{ whiteSpace: 'pre-wrap' }} dir="auto">
      {answerText(question, answer)}
    </span>
  );
}
