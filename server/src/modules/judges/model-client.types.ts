/**
 * The model client's contract (MODEL-CLIENT-CONTRACT.md) as judges use it: the models module implements it
 * (services.models); judges depend on this narrow shape only.
 */
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };
export type SamplingParams = {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string[];
};
export interface JudgeCompletion {
  text: string;
  model: string;
  latencyMs: number;
  usage: { promptTokens: number; completionTokens: number } | null;
}
export interface JudgeModels {
  complete(
    connectionId: string,
    request: {
      messages: ChatMessage[];
      params?: SamplingParams;
      responseFormat?: { type: 'json_schema'; json_schema: Record<string, unknown> };
      signal?: AbortSignal;
    },
  ): Promise<JudgeCompletion[]>;
  /** The connections the project may use (its workspace's, and instance-wide ones). */
  connectionsUsableIn(projectId: string): Promise<{ id: string; name: string; model: string }[]>;
}

/** What judges read of a failed call (the models module's ModelCallError). */
export interface ModelCallFailure {
  kind: string;
  retryAfterMs?: number;
  message: string;
}

export function asModelCallFailure(error: unknown): ModelCallFailure {
  if (error instanceof Error && 'kind' in error && typeof error.kind === 'string') {
    const retryAfterMs =
      'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
    return { kind: error.kind, retryAfterMs, message: error.message };
  }
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}
