import { type SaveDraftBody, saveDraftResponse } from '@feedbench/shared';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/** Stores work in progress for the leased item; the server counts a save as a heartbeat too. */
export const saveDraft = (leaseId: string, body: SaveDraftBody) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/draft`, saveDraftResponse, { method: 'PUT', body });

export const useSaveDraft = (leaseId: string) =>
  useMutation({ mutationFn: (body: SaveDraftBody) => saveDraft(leaseId, body) });
