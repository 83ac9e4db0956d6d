import type { Answers } from './answers.ts';
import { mapAnswerOutputIds } from './questions/registry.ts';

/**
 * Rewrites every output id an answer set mentions (ranking groups, the preferred output and safety keys, rating,
 * attribute and flag keys, a demonstration's source output): each answer through its question module's
 * `mapOutputIds`. `translate` answers the new id, or undefined to drop the reference (an id the mapping does not
 * know); an answer with nothing left is dropped. The server maps annotators' answers between the blind output ids
 * they see and the real ones stored and exported.
 */
export function mapOutputIds(answers: Answers, translate: (id: string) => string | undefined): Answers {
  const mapped: Answers = {};
  for (const [questionId, answer] of Object.entries(answers)) {
    const to = mapAnswerOutputIds(answer, translate);
    if (to) mapped[questionId] = to;
  }
  return mapped;
}
