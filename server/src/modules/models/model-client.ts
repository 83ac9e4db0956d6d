import type { SamplingParams } from '@feedbench/shared';
import OpenAI from 'openai';
import { createGuardedFetch } from './guarded-fetch.ts';
import { ModelCallError, parseRetryAfter } from './model-call-error.ts';
import type { ModelNetworkPolicy } from './model-url-guard.ts';

export type { SamplingParams } from '@feedbench/shared';
export { ModelCallError } from './model-call-error.ts';

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type CompletionResult = {
  text: string;
  /** 'stop' | 'length' | ... as the endpoint said. */
  finishReason: string | null;
  /** With n > 1 (complete), the whole call's usage: endpoints report usage per call, not per choice. */
  usage: { promptTokens: number; completionTokens: number } | null;
  /** Request start to last byte. */
  latencyMs: number;
  /** Request start to first content delta (streaming only). */
  firstTokenMs: number | null;
  /** The connection's model id. */
  model: string;
  /** The parameters actually sent (connection defaults merged with the call's). */
  params: SamplingParams;
};

export type ResponseFormat = { type: 'json_schema'; json_schema: Record<string, unknown> } | { type: 'json_object' };

export interface CompleteRequest {
  messages: ChatMessage[];
  params?: SamplingParams;
  n?: number;
  responseFormat?: ResponseFormat;
  signal?: AbortSignal;
}

export interface StreamRequest {
  messages: ChatMessage[];
  params?: SamplingParams;
  signal?: AbortSignal;
}

export interface ScoreRequest {
  /** The conversation with the output to score as its last (assistant) turn. */
  messages: ChatMessage[];
  signal?: AbortSignal;
}

export type ScoreResult = {
  score: number;
  /** The connection's model id. */
  model: string;
  latencyMs: number;
};

/**
 * vLLM serves its pooling API at the server's root (`POST /pooling`), beside `/v1`: the connection's base URL without a
 * trailing `/v1` (a base URL without one is used as it is).
 */
export function poolingBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/**
 * The one score in a pooling response (vLLM, `POST /pooling`: `{ data: [{ index, object: 'pooling', data }] }`). A
 * sequence classifier with one label (most reward models, e.g. `*ForSequenceClassification` served with
 * `--runner pooling`) gives `data: [score]` or `data: score`; a per-token reward model (`*ForRewardModeling`, pooling
 * ALL) gives one row per token, and the sequence's reward is the last token's (its last value). Anything else is not a
 * score: undefined.
 */
export function readPoolingScore(response: unknown): number | undefined {
  const entries = (response as { data?: unknown } | null)?.data;
  if (!Array.isArray(entries) || entries.length !== 1) return undefined;
  let value: unknown = (entries[0] as { data?: unknown } | null)?.data;
  for (let depth = 0; Array.isArray(value) && depth < 2; depth++) value = value.at(-1);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** What a client needs of a connection: the key decrypted by the models service, never stored here. */
export interface ClientConnection {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  defaultParams: SamplingParams;
}

export interface ModelClientOptions {
  network: ModelNetworkPolicy;
  /** Per call, request start to last byte. */
  timeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

/** Merged parameters (call over connection defaults) and their wire names. */
export function mergeParams(defaults: SamplingParams, call: SamplingParams | undefined): SamplingParams {
  const merged: SamplingParams = { ...defaults };
  for (const [name, value] of Object.entries(call ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[name] = value;
  }
  return merged;
}

function wireParams(params: SamplingParams) {
  return {
    ...(params.temperature !== undefined && { temperature: params.temperature }),
    ...(params.topP !== undefined && { top_p: params.topP }),
    // max_tokens, not max_completion_tokens: the one every OpenAI-compatible server (vLLM, Ollama, llama.cpp, TGI) reads.
    ...(params.maxTokens !== undefined && { max_tokens: params.maxTokens }),
    ...(params.seed !== undefined && { seed: params.seed }),
    ...(params.stop !== undefined && { stop: params.stop }),
  };
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined) {
  if (!usage) return null;
  return { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 };
}

/** The key never appears in a message, whatever the endpoint echoed ("Incorrect API key provided: ..."). */
function redact(message: string, apiKey: string | null): string {
  let out = message;
  if (apiKey) out = out.split(apiKey).join('[redacted]');
  // OpenAI echoes a masked prefix and suffix of a wrong key; nothing of a key belongs in our messages.
  return out.replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, 'sk-[redacted]');
}

function findCause(error: unknown): ModelCallError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ModelCallError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Every failure as a ModelCallError (the openai package's classes, fetch errors, our guard's refusals). */
export function normaliseError(error: unknown, apiKey: string | null, signal?: AbortSignal): ModelCallError {
  const own = findCause(error);
  if (own) return new ModelCallError(own.kind, redact(own.message, apiKey), own);
  if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) {
    return new ModelCallError('cancelled', 'the call was cancelled');
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ModelCallError('timeout', 'the endpoint did not answer in time');
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? error.message;
    return new ModelCallError('network', redact(`could not reach the endpoint: ${detail}`, apiKey));
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const message = redact(error.message, apiKey);
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(error.headers);
      return new ModelCallError('rate_limited', message, {
        status,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
      });
    }
    if (status === 408) return new ModelCallError('timeout', message, { status });
    if (status !== undefined && status >= 500) return new ModelCallError('server_error', message, { status });
    if (status === undefined) return new ModelCallError('invalid_response', message);
    return new ModelCallError('refused', message, { status });
  }
  if (error instanceof SyntaxError)
    return new ModelCallError('invalid_response', `the endpoint sent malformed JSON: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new ModelCallError('network', redact(message, apiKey));
}

/**
 * One client per connection, on the `openai` package (its baseURL reaches any OpenAI-compatible server) with our
 * guarded fetch (model-url-guard.ts) and no retries of its own: callers retry with backoff honouring retryAfterMs.
 */
export function createModelClient(connection: ClientConnection, options: ModelClientOptions) {
  const openai = new OpenAI({
    baseURL: connection.baseUrl,
    // The package refuses to start without a key; servers without auth (Ollama, vLLM) ignore the header.
    apiKey: connection.apiKey ?? 'none',
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    fetch: createGuardedFetch(options.network),
  });
  const { apiKey, model } = connection;
  // The same options at the server's root, for vLLM's pooling API (reward models).
  const pooling = new OpenAI({
    baseURL: poolingBaseUrl(connection.baseUrl),
    apiKey: connection.apiKey ?? 'none',
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    fetch: createGuardedFetch(options.network),
  });

  return {
    model,

    /**
     * A reward model's score of the conversation's last turn: `POST /pooling` with `{ model, messages }` (vLLM's
     * chat-style pooling input, so the server applies the model's chat template). No retries (callers back off).
     */
    async score(request: ScoreRequest): Promise<ScoreResult> {
      const started = performance.now();
      let response: unknown;
      try {
        response = await pooling.post('/pooling', {
          body: { model, messages: request.messages },
          signal: request.signal,
        });
      } catch (error) {
        throw normaliseError(error, apiKey, request.signal);
      }
      const score = readPoolingScore(response);
      if (score === undefined) {
        throw new ModelCallError(
          'invalid_response',
          'the endpoint answered without one numeric score (is it a reward model?)',
        );
      }
      return { score, model, latencyMs: performance.now() - started };
    },

    /** `n` choices in one non-streaming call (judges pass responseFormat for structured answers). */
    async complete(request: CompleteRequest): Promise<CompletionResult[]> {
      const params = mergeParams(connection.defaultParams, request.params);
      const n = request.n ?? 1;
      const started = performance.now();
      try {
        const response = await openai.chat.completions.create(
          {
            model,
            messages: request.messages,
            ...wireParams(params),
            ...(n !== 1 && { n }),
            ...(request.responseFormat && { response_format: request.responseFormat as never }),
            stream: false,
          },
          { signal: request.signal },
        );
        const latencyMs = performance.now() - started;
        if (!Array.isArray(response?.choices) || response.choices.length === 0) {
          throw new ModelCallError('invalid_response', 'the endpoint answered without choices');
        }
        const usage = usageOf(response.usage);
        return [...response.choices]
          .sort((a, b) => a.index - b.index)
          .map((choice) => ({
            text: choice.message?.content ?? '',
            finishReason: choice.finish_reason ?? null,
            usage,
            latencyMs,
            firstTokenMs: null,
            model,
            params,
          }));
      } catch (error) {
        throw normaliseError(error, apiKey, request.signal);
      }
    },

    /** One streamed reply: each content delta to onDelta as it arrives; the whole reply when the stream ends. */
    async streamChat(request: StreamRequest, onDelta: (text: string) => void): Promise<CompletionResult> {
      const params = mergeParams(connection.defaultParams, request.params);
      const started = performance.now();
      let firstTokenMs: number | null = null;
      let text = '';
      let finishReason: string | null = null;
      let usage: CompletionResult['usage'] = null;
      try {
        const stream = await openai.chat.completions.create(
          {
            model,
            messages: request.messages,
            ...wireParams(params),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: request.signal },
        );
        for await (const chunk of stream) {
          if (chunk.usage) usage = usageOf(chunk.usage);
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const delta = choice.delta?.content;
          if (delta) {
            firstTokenMs ??= performance.now() - started;
            text += delta;
            onDelta(delta);
          }
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
      } catch (error) {
        const normalised = normaliseError(error, apiKey, request.signal);
        if (firstTokenMs !== null && normalised.kind === 'network') {
          throw new ModelCallError('network', `the stream was cut off mid-reply (${normalised.message})`);
        }
        throw normalised;
      }
      if (request.signal?.aborted) throw new ModelCallError('cancelled', 'the call was cancelled');
      // A stream that ends without a finish reason was cut off (proxy timeout, server crash): not a whole reply.
      if (finishReason === null) {
        throw new ModelCallError(
          'invalid_response',
          'the stream ended before the reply was complete (no finish reason)',
        );
      }
      return { text, finishReason, usage, latencyMs: performance.now() - started, firstTokenMs, model, params };
    },
  };
}
export type ModelClient = ReturnType<typeof createModelClient>;
