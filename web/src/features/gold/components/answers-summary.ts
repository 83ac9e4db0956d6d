import type { Answers, Question } from '@feedbench/shared';
import { answersText } from '../../questions/QuestionParts.tsx';

/** One short line for a set of answers, for tables: rankings as `o1 > o2 = o3`, labels and values listed. */
export function answersSummary(answers: Answers, questions: readonly Question[] = []): string {
  return answersText(answers, questions);
}
