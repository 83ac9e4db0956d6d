import { ModelCallError } from '../models/model-call-error.ts';
import type { ModelsService } from '../models/models.service.ts';

/**
 * What live chat needs of the models service (MODEL-CLIENT-CONTRACT.md): one streamed chat completion per candidate,
 * and whether a project may use a connection. Narrow on purpose, so the chat service depends on these two calls only.
 */
export interface ChatModelClient {
  streamChat: ModelsService['streamChat'];
  /** Whether the project may call the connection (its workspace's, or an instance-wide one). */
  usableIn(projectId: string, connectionId: string): Promise<boolean>;
}

/**
 * What the annotator is told of a failed call: the error kind in words, never the endpoint's own message (it may
 * name the model or the host, which would break blindness). Researchers see the kind in exports.
 */
export function candidateErrorOf(error: unknown): { kind: string; message: string } {
  if (!(error instanceof ModelCallError)) return { kind: 'network', message: 'The model call failed.' };
  const { kind } = error;
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  const retryAfter = error.retryAfterMs === undefined ? '' : ` Retry in ${Math.ceil(error.retryAfterMs / 1000)} s.`;
  const messages: Record<string, string> = {
    rate_limited: `The model is busy (rate limited)${status}.${retryAfter}`,
    server_error: `The model endpoint failed${status}.`,
    timeout: 'The model did not answer in time.',
    refused: `The model endpoint refused the request${status}.`,
    invalid_response: 'The model endpoint sent a reply that could not be read.',
    network: 'The model endpoint could not be reached.',
    cancelled: 'The call was cancelled.',
  };
  return { kind, message: messages[kind] ?? 'The model call failed.' };
}

/** Tokens when the endpoint reports no usage: about 4 characters per token (OpenAI's rule of thumb for English). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
