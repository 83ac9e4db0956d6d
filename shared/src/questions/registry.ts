import { attributesModule } from './attributes.ts';
import type { AnswerProblem, Choice } from './base.ts';
import { bestOfKModule } from './best-of-k.ts';
import { classificationModule } from './classification.ts';
import { demonstrationModule } from './demonstration.ts';
import { flagsModule } from './flags.ts';
import { pairwiseModule } from './pairwise.ts';
import type {
  AgreementFamily,
  AnsweredItem,
  AnswerRecord,
  JsonSchema,
  OutputBound,
  PreferenceView,
  QuestionModuleOf,
} from './question-module.ts';
import { rankingModule } from './ranking.ts';
import { ratingModule } from './rating.ts';
import { rationaleModule } from './rationale.ts';
import type { Answer, AnswerOf, Question, QuestionOf, QuestionType } from './unions.ts';

/** The module of question type `T`, over the unions' question and answer of that type. */
export type QuestionModule<T extends QuestionType> = QuestionModuleOf<QuestionOf<T>, AnswerOf<T>>;

/** The registry's shape: one module per question type, keyed by the type. */
export type QuestionModules = { [T in QuestionType]: QuestionModule<T> };

/**
 * Every question type's module (shared/src/questions/README.md). `satisfies QuestionModules` makes a missing type or
 * a missing piece a compile error; consumers go through the functions below, never through a switch on the type.
 */
export const QUESTION_MODULES = {
  demonstration: demonstrationModule,
  ranking: rankingModule,
  pairwise: pairwiseModule,
  rating: ratingModule,
  attributes: attributesModule,
  flags: flagsModule,
  rationale: rationaleModule,
  classification: classificationModule,
  'best-of-k': bestOfKModule,
} satisfies QuestionModules;

/**
 * The module of a question's type, read at the union: its pieces take any question and answer. Sound because every
 * caller below hands it a question of that type and an answer whose `type` it has checked equals the question's.
 */
function moduleOf(type: QuestionType): QuestionModule<QuestionType> {
  return QUESTION_MODULES[type] as unknown as QuestionModule<QuestionType>;
}

/** Whether `answer` answers a question of `question`'s type. */
export function answersType<T extends QuestionType>(
  question: QuestionOf<T>,
  answer: Answer | undefined,
): answer is AnswerOf<T> {
  return answer !== undefined && answer.type === question.type;
}

/** Question types answered once per model output. */
export const PER_OUTPUT_TYPES: readonly QuestionType[] = (Object.keys(QUESTION_MODULES) as QuestionType[]).filter(
  (type) => QUESTION_MODULES[type].scope === 'output',
);

/** The template builder's new question of a type: its label and any field without a default. */
export function builderDefault(type: QuestionType): { label: string; fields?: Record<string, unknown> } {
  return moduleOf(type).builderDefault;
}

/** Template-level problems of one question (paths below the question). */
export function questionProblems(question: Question): AnswerProblem[] {
  return moduleOf(question.type).checkQuestion(question);
}

/** What the question needs of an item's outputs; null when it needs none. */
export function outputBound(question: Question): OutputBound | null {
  return moduleOf(question.type).outputBound(question);
}

/** Whether answering the question replies to the item's conversation. */
export function answersConversation(question: Question): boolean {
  return moduleOf(question.type).answersConversation(question);
}

/** Problems of one answer to `question` (paths below the answer); an answer of another type is one problem. */
export function answerProblems(question: Question, answer: Answer, outputIds: readonly string[]): AnswerProblem[] {
  if (!answersType(question, answer)) return [{ path: ['type'], message: `expected a ${question.type} answer` }];
  return moduleOf(question.type).checkAnswer(question, answer, outputIds);
}

/** Whether the question's type is ever scored against gold. */
export function isGoldScored(question: Question): boolean {
  return moduleOf(question.type).goldScore !== null;
}

/**
 * How far an answer agrees with a gold answer, in [0, 1]: null when the type is never scored, the gold answer is of
 * another type, or it gives nothing to score; 0 when the answer is missing or of another type.
 */
export function goldScore(question: Question, gold: Answer, answer: Answer | undefined): number | null {
  const score = moduleOf(question.type).goldScore;
  if (score === null || !answersType(question, gold)) return null;
  if (!answersType(question, answer)) return 0;
  return score(question, gold, answer);
}

/** Whether the type has a disagreement measure (the adjudication queue's). */
export function hasDisagreement(question: Question): boolean {
  return moduleOf(question.type).disagreement !== null;
}

/**
 * How far one item's answers to `question` are apart, 0 .. 1; answers of another type are ignored; NaN with fewer
 * than two answers, nothing two answers both judged, or a type without a measure.
 */
export function disagreement(question: Question, answers: readonly (Answer | undefined)[]): number {
  const measure = moduleOf(question.type).disagreement;
  const given = answers.filter((a): a is Answer => answersType(question, a));
  if (measure === null || given.length < 2) return Number.NaN;
  return measure(question, given);
}

/**
 * The answer with the output ids it refers to rewritten by `translate` (undefined: drop the reference), read by its
 * own type; undefined when nothing of it is left.
 */
export function mapAnswerOutputIds(answer: Answer, translate: (id: string) => string | undefined): Answer | undefined {
  return moduleOf(answer.type).mapOutputIds(answer, translate);
}

/** Whether answers of this type express a preference over outputs (exports' pairs and rankings). */
export function expressesPreference(question: Question): boolean {
  return moduleOf(question.type).preference !== null;
}

/** The preference an answer expresses over `outputIds`; undefined when its type expresses none. */
export function preferenceView(answer: Answer | undefined, outputIds: readonly string[]): PreferenceView | undefined {
  if (answer === undefined) return undefined;
  return moduleOf(answer.type).preference?.(answer, outputIds) ?? undefined;
}

/** The agreement family of the question (which estimates the report gives); null when none is measured. */
export function agreementFamily(question: Question): AgreementFamily | null {
  return moduleOf(question.type).agreement?.family ?? null;
}

/** The agreement records one answer yields (none for an answer of another type or a type without agreement). */
export function answerRecords(question: Question, answer: Answer | undefined, item: AnsweredItem): AnswerRecord[] {
  return answersType(question, answer) ? recordsOfAnswer(answer, item) : [];
}

/** The agreement records an answer yields, read by its own type (none for a type without agreement). */
export function recordsOfAnswer(answer: Answer, item: AnsweredItem): AnswerRecord[] {
  return moduleOf(answer.type).agreement?.records(answer, item) ?? [];
}

/** The family of an answer's own type; null when its type has no agreement. */
export function answerAgreementFamily(answer: Answer): AgreementFamily | null {
  return moduleOf(answer.type).agreement?.family ?? null;
}

/** The labels a label distribution counts for the question; null when its type gives no labels. */
export function labelChoices(question: Question): readonly Choice[] | null {
  return moduleOf(question.type).labels?.choices(question) ?? null;
}

/** The labels one answer gives, one list per judged thing (none for an answer of another type). */
export function judgedLabels(question: Question, answer: Answer | undefined): string[][] {
  const labels = moduleOf(question.type).labels;
  return labels !== null && answersType(question, answer) ? labels.judged(answer) : [];
}

/** The JSON schema of one answer to `question` for a model judge shown `outputIds` (question-module.ts). */
export function judgeAnswerSchema(question: Question, outputIds: readonly string[]): JsonSchema {
  return moduleOf(question.type).judgeSchema(question, outputIds);
}
