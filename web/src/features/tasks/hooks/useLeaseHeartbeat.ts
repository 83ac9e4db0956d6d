import { useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useHeartbeat } from '../api/heartbeat.ts';

/** Never more often than this, however short the lease. */
const MIN_INTERVAL_MS = 15_000;

/**
 * Keeps the lease alive while the task is open: a heartbeat goes out when half of the remaining time has passed.
 * A 409 means the lease is gone (expired and taken, or closed); that is reported, not retried.
 */
export function useLeaseHeartbeat(leaseId: string, initialExpiresAt: string, enabled: boolean) {
  const { mutate, error } = useHeartbeat(leaseId);
  // A new object after every beat or failed attempt re-arms the timer.
  const [schedule, setSchedule] = useState({ expiresAt: initialExpiresAt, attempt: 0 });
  const lost = error instanceof ApiError && (error.status === 409 || error.status === 404) ? error : undefined;

  useEffect(() => {
    if (!enabled || lost) return;
    const remaining = Date.parse(schedule.expiresAt) - Date.now();
    const timer = setTimeout(
      () =>
        mutate(undefined, {
          onSuccess: (result) => setSchedule({ expiresAt: result.expiresAt, attempt: 0 }),
          // Network trouble: try again later; a 409 or 404 is final and shows as `lost`.
          onError: (e) => {
            if (!(e instanceof ApiError && (e.status === 409 || e.status === 404))) {
              setSchedule((s) => ({ ...s, attempt: s.attempt + 1 }));
            }
          },
        }),
      Math.max(MIN_INTERVAL_MS, remaining / 2),
    );
    return () => clearTimeout(timer);
  }, [schedule, enabled, lost, mutate]);

  return {
    expiresAt: schedule.expiresAt,
    extendTo: (expiresAt: string) => setSchedule({ expiresAt, attempt: 0 }),
    lost,
  };
}
