import { type Answers, answersSchema, checkAnswers } from '../answers.ts';
import type { AnswerProblem, JsonSchema } from '../questions/base.ts';
import { judgeAnswerSchema } from '../questions/registry.ts';
import type { Question } from '../questions/unions.ts';

/** The name the schema travels under in `response_format.json_schema.name` (letters, digits, _ and - only). */
export const JUDGE_SCHEMA_NAME = 'feedbench_answers';

/**
 * The JSON schema of a whole submission to the project's template, for a model judge shown the outputs `outputIds`
 * (its labels A, B, ...): one property per question, each its module's `judgeSchema` (shared/src/questions), the
 * required questions required. The reply is then read by `readJudgeReply`, which checks it exactly as a human's.
 */
export function templateJudgeSchema(questions: readonly Question[], outputIds: readonly string[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      questions.map((question) => [
        question.id,
        {
          ...judgeAnswerSchema(question, outputIds),
          description: question.help === '' ? question.label : `${question.label}: ${question.help}`,
        },
      ]),
    ),
    required: questions.filter((q) => q.required).map((q) => q.id),
    additionalProperties: false,
  };
}

/** The `response_format` of an OpenAI-compatible chat completion that asks for the template's answers. */
export function judgeResponseFormat(questions: readonly Question[], outputIds: readonly string[]) {
  return {
    type: 'json_schema' as const,
    json_schema: { name: JUDGE_SCHEMA_NAME, schema: templateJudgeSchema(questions, outputIds), strict: false },
  };
}

export type JudgeReply = { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] };

/**
 * A judge's reply text as answers in the ids it was shown: JSON, of the answers' shape, with optional fields a model
 * sends as null dropped, and valid and complete by `checkAnswers` (the submit's own check). Problems name paths as
 * a human's would, so a failed item's report reads the same as a refused submission.
 */
export function readJudgeReply(text: string, questions: Question[], outputIds: string[]): JudgeReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: `the reply is not JSON (${(error as Error).message})` }] };
  }
  const shaped = answersSchema.safeParse(withoutNulls(parsed));
  if (!shaped.success) {
    return {
      ok: false,
      problems: shaped.error.issues.map((issue) => ({
        path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: issue.message,
      })),
    };
  }
  const problems = checkAnswers(questions, outputIds, shaped.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: shaped.data };
}

/**
 * Object fields whose value is null removed (nested): models asked for a schema with optional fields often send
 * them as null. A null inside an array, or best-of-K's `choice: null` ("none is acceptable"), is a value and stays.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutNulls(v));
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null && k !== 'choice') continue;
    kept[k] = withoutNulls(v);
  }
  return kept;
}
