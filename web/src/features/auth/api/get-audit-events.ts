import { type AuditAction, auditListResponse } from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

const PAGE_SIZE = 50;

export const getAuditEvents = (filter: { action?: AuditAction; before?: string }, signal?: AbortSignal) => {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.action) query.set('action', filter.action);
  if (filter.before) query.set('before', filter.before);
  return apiJson(`/api/audit?${query}`, auditListResponse, { signal });
};

export const auditEventsQueryOptions = (action?: AuditAction) =>
  infiniteQueryOptions({
    queryKey: ['audit', action ?? 'all'],
    queryFn: ({ pageParam, signal }) => getAuditEvents({ action, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });

/** The audit log, newest first, a page at a time (admins only). */
export const useAuditEvents = (action?: AuditAction) => useInfiniteQuery(auditEventsQueryOptions(action));
