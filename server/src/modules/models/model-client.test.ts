import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import { createModelClient, ModelCallError, poolingBaseUrl, readPoolingScore } from './model-client.ts';
import { DEFAULT_MODEL_NETWORK_POLICY } from './model-url-guard.ts';

const network = DEFAULT_MODEL_NETWORK_POLICY;
const KEY = 'sk-test-secret-key-0123456789abcdef';
let server: OpenAICompatibleServer;

beforeAll(async () => {
  server = await startOpenAICompatibleServer({ apiKey: KEY });
});
afterAll(() => server.close());

const clientFor = (overrides: { apiKey?: string | null; timeoutMs?: number; baseUrl?: string } = {}) =>
  createModelClient(
    {
      baseUrl: overrides.baseUrl ?? server.url,
      model: 'test-model',
      apiKey: overrides.apiKey === undefined ? KEY : overrides.apiKey,
      defaultParams: { temperature: 0.7, maxTokens: 100 },
    },
    { network, timeoutMs: overrides.timeoutMs ?? 10_000 },
  );
const user = (content: string) => [{ role: 'user' as const, content }];

async function failure(promise: Promise<unknown>): Promise<ModelCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelCallError);
  return error as ModelCallError;
}

describe('model client against an OpenAI-compatible server', () => {
  it('sends the merged parameters under their wire names and returns the reply with usage', async () => {
    server.behave({ kind: 'reply' });
    const before = server.requests.length;
    const [result] = await clientFor().complete({ messages: user('Name a colour'), params: { seed: 7, topP: 0.9 } });
    const sent = server.requests[before]?.body;
    expect(sent).toMatchObject({ model: 'test-model', temperature: 0.7, top_p: 0.9, max_tokens: 100, seed: 7 });
    expect(sent?.n).toBeUndefined();
    expect(server.requests[before]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(result?.text).toMatch(/^Answer to "Name a colour": /);
    expect(result?.finishReason).toBe('stop');
    expect(result?.usage).toEqual({ promptTokens: 3, completionTokens: (result?.text ?? '').split(' ').length });
    expect(result?.params).toEqual({ temperature: 0.7, maxTokens: 100, seed: 7, topP: 0.9 });
    // Same prompt and seed: the same reply (the test server is deterministic given a seed).
    const [again] = await clientFor().complete({ messages: user('Name a colour'), params: { seed: 7 } });
    expect(again?.text).toBe(result?.text);
  });

  it('returns n choices in order, each different', async () => {
    const results = await clientFor().complete({ messages: user('Three ideas'), n: 3, params: { seed: 1 } });
    expect(results).toHaveLength(3);
    expect(new Set(results.map((r) => r.text)).size).toBe(3);
    expect(server.requests.at(-1)?.body?.n).toBe(3);
  });

  it('passes a JSON response format through (judges)', async () => {
    server.behaveOnce({ kind: 'reply', json: { winner: 'A' } });
    const format = { type: 'json_schema' as const, json_schema: { name: 'verdict', schema: { type: 'object' } } };
    const [result] = await clientFor().complete({ messages: user('Judge'), responseFormat: format });
    expect(JSON.parse(result?.text ?? '')).toEqual({ winner: 'A' });
    expect(server.requests.at(-1)?.body?.response_format).toEqual(format);
  });

  it('streams deltas whose concatenation is the reply, with the first token before the last byte', async () => {
    server.behaveOnce({ kind: 'reply', perTokenMs: 20 });
    const deltas: string[] = [];
    const result = await clientFor().streamChat({ messages: user('Tell me'), params: { seed: 3 } }, (d) =>
      deltas.push(d),
    );
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(result.text);
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.completionTokens).toBe(result.text.split(' ').length);
    expect(result.firstTokenMs).not.toBeNull();
    expect(result.latencyMs - (result.firstTokenMs ?? 0)).toBeGreaterThanOrEqual(60);
  });

  it('reports 429 as rate_limited with Retry-After in milliseconds (seconds, HTTP date, retry-after-ms)', async () => {
    server.behaveOnce({ kind: 'rate_limited', retryAfter: '3' });
    const seconds = await failure(clientFor().complete({ messages: user('x') }));
    expect(seconds).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 3000 });
    expect(seconds.retryable).toBe(true);
    server.behaveOnce({ kind: 'rate_limited', retryAfter: new Date(Date.now() + 10_000).toUTCString() });
    const date = await failure(clientFor().complete({ messages: user('x') }));
    expect(date.retryAfterMs).toBeGreaterThan(8000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(10_000);
    server.behaveOnce({ kind: 'rate_limited', retryAfterMs: 250 });
    expect((await failure(clientFor().complete({ messages: user('x') }))).retryAfterMs).toBe(250);
  });

  it('reports a 500 as server_error and a 400 as refused with the endpoint message', async () => {
    server.behaveOnce({ kind: 'error', status: 500, message: 'CUDA out of memory' });
    const crash = await failure(clientFor().complete({ messages: user('x') }));
    expect(crash).toMatchObject({ kind: 'server_error', status: 500 });
    expect(crash.message).toContain('CUDA out of memory');
    server.behaveOnce({ kind: 'error', status: 400, message: 'max_tokens is too large' });
    const bad = await failure(clientFor().complete({ messages: user('x') }));
    expect(bad).toMatchObject({ kind: 'refused', status: 400 });
    expect(bad.retryable).toBe(false);
  });

  it('reports a stream cut off mid-reply as a retryable failure, after the deltas that came', async () => {
    server.behaveOnce({ kind: 'reply', cutOffAfterTokens: 2 });
    const deltas: string[] = [];
    const error = await failure(clientFor().streamChat({ messages: user('x') }, (d) => deltas.push(d)));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/cut off mid-reply/);
    expect(error.retryable).toBe(true);
    expect(deltas).toEqual(['Answer ', 'to ']);
  });

  it('times out a slow endpoint and cancels on the caller signal', async () => {
    server.behaveOnce({ kind: 'reply', delayMs: 2000 });
    const slow = await failure(clientFor({ timeoutMs: 300 }).complete({ messages: user('x') }));
    expect(slow.kind).toBe('timeout');
    server.behaveOnce({ kind: 'reply', perTokenMs: 200 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    const cancelled = await failure(clientFor().streamChat({ messages: user('x'), signal: abort.signal }, () => {}));
    expect(cancelled.kind).toBe('cancelled');
  });

  it('never puts the API key in an error message, even when the endpoint echoes it', async () => {
    const wrong = 'sk-wrong-key-that-must-not-leak-42';
    const error = await failure(clientFor({ apiKey: wrong }).complete({ messages: user('x') }));
    expect(error).toMatchObject({ kind: 'refused', status: 401 });
    expect(error.message).toContain('Incorrect API key');
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain('must-not-leak');
  });

  it('refuses a redirect without following it', async () => {
    const target = await startOpenAICompatibleServer();
    try {
      server.behaveOnce({ kind: 'redirect', location: `${target.url}/chat/completions`, status: 307 });
      const error = await failure(clientFor().complete({ messages: user('x') }));
      expect(error.kind).toBe('refused');
      expect(error.message).toMatch(/redirect/);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('reports an unreachable endpoint as network', async () => {
    const gone = await startOpenAICompatibleServer();
    const url = gone.url;
    await gone.close();
    const error = await failure(clientFor({ baseUrl: url }).complete({ messages: user('x') }));
    expect(error.kind).toBe('network');
  });
});

describe('readPoolingScore (vLLM POST /pooling)', () => {
  it('reads a number, a one-label classifier row, and a per-token reward model (the last token)', () => {
    expect(readPoolingScore({ data: [{ index: 0, object: 'pooling', data: 0.25 }] })).toBe(0.25);
    expect(readPoolingScore({ data: [{ index: 0, object: 'pooling', data: [-1.5] }] })).toBe(-1.5);
    expect(readPoolingScore({ data: [{ index: 0, object: 'pooling', data: [[0.1], [0.2], [3]] }] })).toBe(3);
  });

  it('refuses anything that is not one finite number', () => {
    for (const response of [
      null,
      {},
      { data: [] },
      { data: [{ data: 1 }, { data: 2 }] },
      { data: [{ data: 'high' }] },
      { data: [{ data: [] }] },
      { data: [{ data: { score: 1 } }] },
    ]) {
      expect(readPoolingScore(response)).toBeUndefined();
    }
  });

  it('calls the server root beside /v1', () => {
    expect(poolingBaseUrl('http://gpu:8000/v1')).toBe('http://gpu:8000');
    expect(poolingBaseUrl('http://gpu:8000/v1/')).toBe('http://gpu:8000');
    expect(poolingBaseUrl('http://gpu:8000/rm')).toBe('http://gpu:8000/rm');
  });
});
