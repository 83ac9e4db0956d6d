import { heartbeatResponse } from '@feedbench/shared';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/** Keeps the lease while the annotator reads; answers with the new expiry. */
export const sendHeartbeat = (leaseId: string) =>
  apiJson(`/api/leases/${encodeURIComponent(leaseId)}/heartbeat`, heartbeatResponse, { method: 'POST' });

export const useHeartbeat = (leaseId: string) => useMutation({ mutationFn: () => sendHeartbeat(leaseId) });
