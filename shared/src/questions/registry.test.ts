import { describe, expect, it } from 'vitest';
import { DISAGREEMENT_QUESTION_TYPES } from '../contracts/adjudication.ts';
import { AGREEMENT_QUESTION_TYPES, LABEL_QUESTION_TYPES } from '../contracts/agreement.ts';
import { newQuestion, QUESTION_TYPES, type QuestionType, questionSchema } from '../template.ts';
import { PER_OUTPUT_TYPES, QUESTION_MODULES } from './registry.ts';

const types = [...QUESTION_TYPES];
const withPiece = (has: (type: QuestionType) => boolean) => types.filter(has).sort();

describe('question registry', () => {
  it('holds one module per question type, each under its own type', () => {
    expect(Object.keys(QUESTION_MODULES).sort()).toEqual([...types].sort());
    for (const type of types) expect(QUESTION_MODULES[type].type).toBe(type);
  });

  it('builds a valid new question of every type from its module default', () => {
    for (const type of types) expect(questionSchema.safeParse(newQuestion(type, 'q')).success).toBe(true);
  });

  it('lists in the contracts exactly the types whose modules measure disagreement, agreement and labels', () => {
    expect([...DISAGREEMENT_QUESTION_TYPES].sort()).toEqual(
      withPiece((t) => QUESTION_MODULES[t].disagreement !== null),
    );
    expect([...AGREEMENT_QUESTION_TYPES].sort()).toEqual(withPiece((t) => QUESTION_MODULES[t].agreement !== null));
    expect([...LABEL_QUESTION_TYPES].sort()).toEqual(withPiece((t) => QUESTION_MODULES[t].labels !== null));
  });

  it('answers per output exactly the rating, attributes and flags types', () => {
    expect([...PER_OUTPUT_TYPES].sort()).toEqual(['attributes', 'flags', 'rating']);
  });
});
