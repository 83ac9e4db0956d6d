import type { z } from 'zod';
import type { AgreementValue } from '../agreement/agreement-record.ts';
import type { AnswerProblem, Choice, JsonSchema } from './base.ts';

export type { JsonSchema } from './base.ts';

/** What a question needs of an item's model outputs: between `min` and `max` of them. */
export interface OutputBound {
  min: number;
  max: number;
}

/**
 * A preference an answer expresses over the item's outputs, read by exports (judgements, preference pairs) and
 * consensus: ranking groups best first (outputs in one group are tied, so they induce no pair), whether the annotator
 * found every output bad, and Llama 2's margin for the strength given (null: unknown or not asked).
 */
export interface PreferenceView {
  groups: string[][];
  allBad: boolean;
  margin: number | null;
}

/**
 * The agreement family a question belongs to, which picks the report's estimates:
 * - `ordering`: answers order outputs (unit = item, value = ranking groups): pairwise agreement, pairwise alpha,
 *   Kendall's W and position bias;
 * - `scale`: one number per output (unit = `item:output`): Krippendorff's alpha ordinal and interval;
 * - `nominal`: one category per item (unit = item, value = a string): Krippendorff's alpha nominal.
 */
export type AgreementFamily = 'ordering' | 'scale' | 'nominal';

/** One record of an answer, before the annotator is attached (see AgreementRecord). */
export interface AnswerRecord {
  unit: string;
  value: AgreementValue;
}

/** The item an answer was given on, as the agreement records need it. */
export interface AnsweredItem {
  itemId: string;
  /** Output ids in the order the annotator saw them. */
  displayOrder: readonly string[];
}

/**
 * Everything one question type knows, in one place (shared/src/questions/README.md), over the type's own question `Q`
 * and answer `A` (the inferred types of its schemas), so a module needs nothing from the unions built of it. The
 * registry holds one module per type and is checked with `satisfies QuestionModules` (registry.ts), which asks of
 * each type T a `QuestionModuleOf<QuestionOf<T>, AnswerOf<T>>`: a type without a module, or a module without a piece,
 * fails to compile. A piece that does not apply is `null`, said explicitly.
 */
export interface QuestionModuleOf<Q extends { type: string }, A extends { type: string }> {
  type: Q['type'];
  /** The question's schema (a member of the template's discriminated union). */
  questionSchema: z.ZodType<Q, unknown>;
  /** The answer's schema (a member of the answers' discriminated union). */
  answerSchema: z.ZodType<A, unknown>;
  /** `item`: answered once per item; `output`: once per model output. */
  scope: 'item' | 'output';
  /** What the template builder adds: the label and any field without a default. */
  builderDefault: { label: string; fields?: Record<string, unknown> };
  /** Template-level checks beyond the schema (ranges, unique choice ids): problems with paths below the question. */
  checkQuestion(question: Q): AnswerProblem[];
  /** What the question needs of the item's outputs (import refuses items outside it); null: outputs not needed. */
  outputBound(question: Q): OutputBound | null;
  /** Whether answering it replies to the conversation, so the item's conversation must end on the user's turn. */
  answersConversation(question: Q): boolean;
  /**
   * Validation and completeness of one answer against the question and the item's outputs (paths below the answer).
   * An empty list means the answer is valid and complete.
   */
  checkAnswer(question: Q, answer: A, outputIds: readonly string[]): AnswerProblem[];
  /**
   * Score of an answer against a gold answer, in [0, 1], or null when this gold answer gives nothing to score (an
   * unanswered question scores 0 before it gets here). The piece is null for a type that is never scored.
   */
  goldScore: ((question: Q, gold: A, answer: A) => number | null) | null;
  /**
   * How far one item's answers are apart, 0 (all agree) .. 1; NaN when nothing two answers both judged. Null: the
   * type has no disagreement measure (the adjudication queue ranks items by the first question that has one).
   */
  disagreement: ((question: Q, answers: readonly A[]) => number) | null;
  /**
   * The answer with every output id it refers to rewritten by `translate` (which answers undefined for an id to drop),
   * or undefined when nothing of the answer is left. Maps answers between the blind output ids annotators see and the
   * real ids stored and exported (output-ids.ts).
   */
  mapOutputIds(answer: A, translate: (id: string) => string | undefined): A | undefined;
  /**
   * The JSON schema of one answer for a model judge's structured output (`response_format: json_schema`), over the
   * output ids the judge is shown (its labels A, B, ...): the answer schema narrowed by the question's options, so
   * the model's reply parses with `answerSchema` and is then checked by `checkAnswer` like a human submission.
   */
  judgeSchema(question: Q, outputIds: readonly string[]): JsonSchema;
  /** The preference an answer expresses over outputs (exports' pairs and rankings); null: the type expresses none. */
  preference: ((answer: A, outputIds: readonly string[]) => PreferenceView) | null;
  /** Agreement: the family (which estimates) and the records one answer yields; null: no agreement measured. */
  agreement: {
    family: AgreementFamily;
    records(answer: A, item: AnsweredItem): AnswerRecord[];
  } | null;
  /**
   * Label distributions (the agreement dashboard's): the question's labels, and the labels one answer gives, one list
   * per judged thing (per output for flags, the answer itself for classification). Null: the type gives no labels.
   */
  labels: {
    choices(question: Q): readonly Choice[];
    judged(answer: A): string[][];
  } | null;
}
