import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

/**
 * A small OpenAI-compatible chat server for tests, benchmarks and manual runs (node:http only): no model can be
 * downloaded on the test machines, and the production client must be the code under test. Replies are deterministic
 * given the prompt, the seed and the choice index; without a seed a per-server counter varies them, like sampling.
 *
 *   node --import tsx server/src/test/openai-compatible-server.ts --port 8089 [--delay-ms 50] [--api-key KEY]
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined for bodiless requests). */
  body: ChatRequestBody | undefined;
  at: number;
}

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  n?: number;
  stream?: boolean;
  seed?: number;
  temperature?: number;
  max_tokens?: number;
  [other: string]: unknown;
}

export type Behaviour =
  /** The default: a deterministic reply (or `text`, or `json` serialised), optionally slow or cut off. */
  | {
      kind: 'reply';
      text?: string;
      json?: unknown;
      /** Before the first byte. */
      delayMs?: number;
      /** Between streamed tokens (and added per token to non-streamed replies). */
      perTokenMs?: number;
      /** Streaming: the connection ends after this many tokens, without a finish reason or [DONE]. */
      cutOffAfterTokens?: number;
      finishReason?: string;
    }
  | { kind: 'rate_limited'; retryAfter?: string; retryAfterMs?: number }
  | { kind: 'error'; status: number; message?: string }
  | { kind: 'redirect'; location: string; status?: number }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: 'hang' };

export interface OpenAICompatibleServerOptions {
  port?: number;
  host?: string;
  /** Requests without `Authorization: Bearer <apiKey>` get 401 (echoing what they sent, like OpenAI does). */
  apiKey?: string;
  /** Default latency before each answer. */
  delayMs?: number;
  /** Keep every request (off for benchmarks: a million bodies in memory). */
  record?: boolean;
}

export interface OpenAICompatibleServer {
  /** Base URL, ending with /v1. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Sets the behaviour of the following requests (a function decides per request). */
  behave(next: Behaviour | ((request: RecordedRequest, index: number) => Behaviour)): void;
  /** Queues behaviours for the next requests, one each, before the standing one applies again. */
  behaveOnce(...next: Behaviour[]): void;
  /** Chat completion requests answered or refused so far. */
  readonly completions: number;
  /** Pooling (reward score) requests answered or refused so far; they share the behaviours with completions. */
  readonly poolings: number;
  close(): Promise<void>;
}

/**
 * The deterministic reward score of a pooling request: in [-2, 2] from a hash of the last message (the output being
 * scored) and the rest of the conversation, so every output of an item gets its own score and runs repeat exactly.
 */
export function deterministicScore(body: ChatRequestBody): number {
  const messages = body.messages ?? [];
  const key = messages.map((m) => `${m.role}:${m.content}`).join('\n');
  const digest = createHash('sha256').update(key).digest();
  return Math.round(((digest.readUInt32BE(0) / 0xffffffff) * 4 - 2) * 10_000) / 10_000;
}

/** The deterministic reply: a few words derived from the last user message, the seed and the choice index. */
export function deterministicReply(body: ChatRequestBody, choice: number, variation: number | null): string {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
  const key = `${last}|${body.seed ?? `v${variation}`}|${choice}`;
  const digest = createHash('sha256').update(key).digest('hex');
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  const picked = Array.from({ length: 6 }, (_, i) => words[Number.parseInt(digest.slice(i * 2, i * 2 + 2), 16) % 10]);
  const topic = last.slice(0, 60).replace(/\s+/g, ' ').trim();
  return `Answer to "${topic}": ${picked.join(' ')} (${digest.slice(0, 8)})`;
}

const countWords = (text: string) => (text.trim() === '' ? 0 : text.trim().split(/\s+/).length);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions = {},
): Promise<OpenAICompatibleServer> {
  const requests: RecordedRequest[] = [];
  let standing: Behaviour | ((request: RecordedRequest, index: number) => Behaviour) = { kind: 'reply' };
  const queued: Behaviour[] = [];
  let completions = 0;
  let poolings = 0;
  let variation = 0;
  const open = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: ChatRequestBody | undefined;
    try {
      body = raw ? (JSON.parse(raw) as ChatRequestBody) : undefined;
    } catch {
      return sendJson(res, 400, { error: { message: 'malformed JSON body', type: 'invalid_request_error' } });
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      at: Date.now(),
    };
    if (options.record !== false) requests.push(recorded);
    const path = (req.url ?? '').split('?')[0];
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      const sent = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      return sendJson(res, 401, {
        error: {
          message: `Incorrect API key provided: ${sent}.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'test-model', object: 'model', owned_by: 'feedbench' }],
      });
    }
    // vLLM's pooling API for reward models, at the server's root: `{ data: [{ index: 0, object: 'pooling', data: [score] }] }`.
    if (req.method === 'POST' && path === '/pooling') {
      poolings++;
      const behaviour = queued.shift() ?? (typeof standing === 'function' ? standing(recorded, completions) : standing);
      if (options.delayMs) await sleep(options.delayMs);
      if (behaviour.kind !== 'reply') return answer(res, body ?? {}, behaviour);
      if (behaviour.delayMs) await sleep(behaviour.delayMs);
      return sendJson(res, 200, {
        id: `pool-${Date.now().toString(36)}`,
        object: 'list',
        created: Math.floor(Date.now() / 1000),
        model: body?.model ?? 'test-model',
        data: [{ index: 0, object: 'pooling', data: behaviour.json ?? [deterministicScore(body ?? {})] }],
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
    }
    const index = completions++;
    const behaviour = queued.shift() ?? (typeof standing === 'function' ? standing(recorded, index) : standing);
    if (options.delayMs) await sleep(options.delayMs);
    await answer(res, body ?? {}, behaviour);
  });

  async function answer(res: http.ServerResponse, body: ChatRequestBody, behaviour: Behaviour) {
    switch (behaviour.kind) {
      case 'hang':
        return;
      case 'rate_limited': {
        const headers: Record<string, string> = {};
        if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
        if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
        return sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } }, headers);
      }
      case 'error':
        return sendJson(res, behaviour.status, {
          error: { message: behaviour.message ?? `test server error ${behaviour.status}`, type: 'server_error' },
        });
      case 'redirect':
        res.writeHead(behaviour.status ?? 302, { location: behaviour.location });
        return res.end();
      case 'reply':
        break;
    }
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    const n = Math.max(1, Math.min(16, body.n ?? 1));
    const seeded = body.seed !== undefined;
    const texts = Array.from({ length: n }, (_, choice) => {
      if (behaviour.json !== undefined) return JSON.stringify(behaviour.json);
      if (behaviour.text !== undefined) return behaviour.text;
      return deterministicReply(body, choice, seeded ? null : variation++);
    });
    const promptTokens = (body.messages ?? []).reduce((sum, m) => sum + countWords(String(m.content ?? '')), 0);
    const completionTokens = texts.reduce((sum, t) => sum + countWords(t), 0);
    const finishReason = behaviour.finishReason ?? 'stop';
    const id = `chatcmpl-${Date.now().toString(36)}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'test-model';
    if (!body.stream) {
      if (behaviour.perTokenMs) await sleep(behaviour.perTokenMs * Math.max(...texts.map(countWords)));
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: texts.map((content, index) => ({
          index,
          message: { role: 'assistant', content },
          finish_reason: finishReason,
        })),
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      send({ id, object: 'chat.completion.chunk', created, model, choices, ...extra });
    for (let index = 0; index < n; index++)
      chunk([{ index, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    const tokenLists = texts.map((t) => t.split(/(?<= )/));
    const longest = Math.max(...tokenLists.map((t) => t.length));
    let sent = 0;
    for (let position = 0; position < longest; position++) {
      if (behaviour.cutOffAfterTokens !== undefined && sent >= behaviour.cutOffAfterTokens) {
        // Cut off: the connection drops mid-reply (no finish reason, no [DONE]), once what was sent has left.
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      for (let index = 0; index < n; index++) {
        const token = tokenLists[index]?.[position];
        if (token !== undefined) chunk([{ index, delta: { content: token }, finish_reason: null }]);
      }
      sent++;
      if (behaviour.perTokenMs) await sleep(behaviour.perTokenMs);
      if (res.destroyed) return;
    }
    for (let index = 0; index < n; index++) chunk([{ index, delta: {}, finish_reason: finishReason }]);
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      chunk([], {
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      });
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/v1`,
    port,
    requests,
    behave(next) {
      standing = next;
    },
    behaveOnce(...next) {
      queued.push(...next);
    },
    get completions() {
      return completions;
    },
    get poolings() {
      return poolings;
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

// Manual runs: node --import tsx server/src/test/openai-compatible-server.ts --port 8089 [--delay-ms 50] [--api-key K]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argument = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const server = await startOpenAICompatibleServer({
    port: Number(argument('--port') ?? 8089),
    host: argument('--host') ?? '127.0.0.1',
    delayMs: Number(argument('--delay-ms') ?? 0),
    apiKey: argument('--api-key'),
    record: false,
  });
  console.log(`OpenAI-compatible test server on ${server.url}`);
}
