import { z } from 'zod';

/**
 * Model connections (OpenAI-compatible chat endpoints: vLLM, Ollama, llama.cpp server, TGI, hosted APIs) and the
 * generation jobs that sample outputs from them. The API key is write-only: requests may carry it, no response does.
 */

/** Sampling parameters sent with a call; a connection's defaults merged with a call's or a job's. */
export const samplingParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(200_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    stop: z.array(z.string().min(1).max(100)).max(4).optional(),
  })
  .strict();
export type SamplingParams = z.infer<typeof samplingParamsSchema>;

/** http(s) only; the SSRF guard (server) checks where the host resolves, at save time and at every call. */
const baseUrl = z
  .string()
  .trim()
  .max(2000)
  .url('a URL such as http://localhost:8000/v1')
  .refine((value) => /^https?:\/\//i.test(value), 'an http:// or https:// URL');

export const modelConnectionSchema = z.object({
  id: z.string().uuid(),
  /** null: instance-wide (made by an instance admin), usable by every workspace. */
  workspaceId: z.string().uuid().nullable(),
  name: z.string(),
  baseUrl: z.string(),
  model: z.string(),
  /** Whether a key is stored; the key itself never leaves the server. */
  hasApiKey: z.boolean(),
  defaultParams: samplingParamsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ModelConnection = z.infer<typeof modelConnectionSchema>;

export const createModelConnectionBody = z
  .object({
    /** Omitted: instance-wide (instance admins only). */
    workspaceId: z.string().uuid().optional(),
    name: z.string().trim().min(1).max(100),
    baseUrl,
    model: z.string().trim().min(1).max(200),
    apiKey: z.string().min(1).max(4000).optional(),
    defaultParams: samplingParamsSchema.default({}),
  })
  .strict();
export type CreateModelConnectionBody = z.input<typeof createModelConnectionBody>;

export const updateModelConnectionBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    baseUrl: baseUrl.optional(),
    model: z.string().trim().min(1).max(200).optional(),
    /** A string replaces the key, null removes it, omitted keeps it. */
    apiKey: z.string().min(1).max(4000).nullable().optional(),
    defaultParams: samplingParamsSchema.optional(),
  })
  .strict();
export type UpdateModelConnectionBody = z.input<typeof updateModelConnectionBody>;

export const modelConnectionIdParams = z.object({ connectionId: z.string().uuid() });
export const modelConnectionListQuery = z.object({ workspaceId: z.string().uuid().optional() }).strict();
export const modelConnectionListResponse = z.object({ connections: z.array(modelConnectionSchema) });
export type ModelConnectionListResponse = z.infer<typeof modelConnectionListResponse>;

export const testModelConnectionBody = z
  .object({ prompt: z.string().min(1).max(4000).default('Say hello in one short sentence.') })
  .strict();
export type TestModelConnectionBody = z.input<typeof testModelConnectionBody>;

export const MODEL_CALL_ERROR_KINDS = [
  'rate_limited',
  'server_error',
  'timeout',
  'refused',
  'invalid_response',
  'network',
  'cancelled',
] as const;
export type ModelCallErrorKind = (typeof MODEL_CALL_ERROR_KINDS)[number];

/** "Test connection": the model's answer, or the exact error the endpoint (or the guard) gave. */
export const testModelConnectionResponse = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    text: z.string(),
    model: z.string(),
    finishReason: z.string().nullable(),
    latencyMs: z.number(),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).nullable(),
  }),
  z.object({
    ok: z.literal(false),
    kind: z.enum(MODEL_CALL_ERROR_KINDS),
    status: z.number().nullable(),
    message: z.string(),
  }),
]);
export type TestModelConnectionResponse = z.infer<typeof testModelConnectionResponse>;

/** A project's usable connections, for researchers choosing where to sample from (no URL: managers see those). */
export const usableModelConnectionSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  model: z.string(),
  workspaceId: z.string().uuid().nullable(),
  defaultParams: samplingParamsSchema,
});
export type UsableModelConnection = z.infer<typeof usableModelConnectionSchema>;
export const usableModelConnectionListResponse = z.object({ connections: z.array(usableModelConnectionSchema) });

/** Where a generated output came from: kept on item_outputs, shown to researchers, never to annotators. */
export const outputProvenanceSchema = z.object({
  source: z.literal('generation'),
  jobId: z.string().uuid(),
  connectionId: z.string().uuid(),
  connectionName: z.string(),
  model: z.string(),
  params: samplingParamsSchema,
  seed: z.number().nullable(),
  sampleIndex: z.number().int(),
  /** Choices asked in the call that produced it (`n`); usage below is the whole call's when above 1. */
  choicesInCall: z.number().int(),
  finishReason: z.string().nullable(),
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).nullable(),
  latencyMs: z.number(),
  generatedAt: z.string(),
});
export type OutputProvenance = z.infer<typeof outputProvenanceSchema>;
