import { type ChatStreamEvent, chatSessionResponse, chatStreamEventSchema, nextTaskResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiEventStream, apiJson } from '../../../lib/api-client.ts';

/** The chat task held or claimed next (one task = one conversation); a POST, read as "what am I working on". */
export const chatTaskQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['chat', projectId, 'task'],
    queryFn: ({ signal }) =>
      apiJson(`/api/projects/${encodeURIComponent(projectId)}/tasks/next`, nextTaskResponse, {
        method: 'POST',
        signal,
      }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
export const useChatTask = (projectId: string) => useQuery(chatTaskQueryOptions(projectId));

/** The conversation as stored: turns, answers so far, candidates (a reload restores from it). */
export const chatSessionQueryOptions = (leaseId: string) =>
  queryOptions({
    queryKey: ['chat', 'session', leaseId],
    queryFn: ({ signal }) =>
      apiJson(`/api/leases/${encodeURIComponent(leaseId)}/chat`, chatSessionResponse, { signal }).then(
        (r) => r.session,
      ),
    staleTime: Number.POSITIVE_INFINITY,
  });
export const useChatSession = (leaseId: string) => useQuery(chatSessionQueryOptions(leaseId));

const lease = (leaseId: string) => `/api/leases/${encodeURIComponent(leaseId)}/chat`;

/** Posts a user turn; candidates stream back as events until `end`. */
export const streamTurn = (leaseId: string, content: string, onEvent: (event: ChatStreamEvent) => void) =>
  apiEventStream(`${lease(leaseId)}/turns`, chatStreamEventSchema, onEvent, { body: { content } });

/** A new reply in one candidate's place (a retry after an error, or another sample). */
export const streamRegenerate = (leaseId: string, candidateId: string, onEvent: (event: ChatStreamEvent) => void) =>
  apiEventStream(
    `${lease(leaseId)}/candidates/${encodeURIComponent(candidateId)}/regenerate`,
    chatStreamEventSchema,
    onEvent,
  );
