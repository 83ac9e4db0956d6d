import { useLiveRefresh } from '../../../lib/live-refresh.ts';
import { agreementKeyPrefix } from './get-agreement.ts';

/**
 * Refetches the agreement report (every batch size and the drill-down lists: the key prefix reaches them all) as
 * annotations arrive; 500 ms debounce, as each refetch recomputes the bootstrap. Returns whether it is live.
 */
export function useLiveAgreement(projectId: string): boolean {
  return useLiveRefresh(projectId, agreementKeyPrefix(projectId), 500);
}
