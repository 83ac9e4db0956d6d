import {
  type ChatTurnDraftBody,
  type CompleteChatTurnBody,
  chatSessionResponse,
  chatStopResponse,
  submitResponse,
} from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '../../../lib/api-client.ts';
import { chatSessionQueryOptions, chatTaskQueryOptions } from './chat-session.ts';

const lease = (leaseId: string) => `/api/leases/${encodeURIComponent(leaseId)}/chat`;

export const stopCandidate = (leaseId: string, candidateId: string) =>
  apiJson(`${lease(leaseId)}/candidates/${encodeURIComponent(candidateId)}/stop`, chatStopResponse, {
    method: 'POST',
  });

export const saveTurnDraft = (leaseId: string, turnNo: number, body: ChatTurnDraftBody) =>
  apiJson(`${lease(leaseId)}/turns/${turnNo}/draft`, z.object({ savedAt: z.string() }), { method: 'PUT', body });

/** Completes a turn; the answer is the whole conversation, which replaces the cached one. */
export function useCompleteTurn(leaseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ turnNo, body }: { turnNo: number; body: CompleteChatTurnBody }) =>
      apiJson(`${lease(leaseId)}/turns/${turnNo}/complete`, chatSessionResponse, { method: 'POST', body }),
    onSuccess: ({ session }) => queryClient.setQueryData(chatSessionQueryOptions(leaseId).queryKey, session),
  });
}

/** Submits the conversation through the ordinary submit (the server checks every turn is answered). */
export function useSubmitChat(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leaseId }: { leaseId: string }) =>
      apiJson(`/api/leases/${encodeURIComponent(leaseId)}/submit`, submitResponse, {
        method: 'POST',
        body: { idempotencyKey: crypto.randomUUID(), answers: {} },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatTaskQueryOptions(projectId).queryKey }),
  });
}
