import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.ts';

/**
 * Deepest JSON a request body may nest. Our deepest contract (answers, gold answers, export filters) needs under ten
 * levels; anything deeper is an attack on recursive validators and on PostgreSQL's jsonb (stack depth limit).
 */
export const MAX_JSON_DEPTH = 64;

interface Problem {
  path: string;
  message: string;
}

/**
 * One gate for every route's input, before its schema runs: no U+0000 in any string or key of the JSON body, the
 * query string or the path (PostgreSQL cannot store it in text or jsonb and would answer a 500), and no JSON nested
 * deeper than MAX_JSON_DEPTH. Refused with 400 `request.invalid`, naming the field, like a schema error. Raw text
 * bodies (the JSONL import) are left to their own parser, which names the line.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problem =
      findProblem('params', request.params) ?? findProblem('querystring', request.query) ?? bodyProblem(request.body);
    if (problem) {
      throw new AppError('request.invalid', 400, `${problem.path}: ${problem.message}`, { problems: [problem] });
    }
  });
}

/**
 * Only parsed JSON is walked: plain objects and arrays. Raw bodies (a string, a Buffer, the streamed import's request
 * stream) are not JSON values; walking a stream's internals would refuse every streamed upload.
 */
function bodyProblem(body: unknown): Problem | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const proto = Object.getPrototypeOf(body);
  if (!Array.isArray(body) && proto !== Object.prototype && proto !== null) return undefined;
  return findProblem('body', body);
}

/** Walks the value without recursion (a hostile body may nest far deeper than the call stack). */
export function findProblem(root: string, value: unknown): Problem | undefined {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [root], depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: current, path, depth } = next;
    if (typeof current === 'string') {
      if (current.includes('\u0000'))
        return { path: path.join('.'), message: 'must not contain the NUL character (U+0000)' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      return { path: path.join('.'), message: `nested more than ${MAX_JSON_DEPTH} levels deep` };
    }
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000')) {
        return {
          path: [...path, key.replaceAll('\u0000', '\\u0000')].join('.'),
          message: 'keys must not contain the NUL character (U+0000)',
        };
      }
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return undefined;
}
