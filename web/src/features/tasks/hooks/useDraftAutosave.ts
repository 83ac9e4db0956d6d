import type { DraftAnswers } from '@feedbench/shared';
import { useEffect, useRef } from 'react';
import { useSaveDraft } from '../api/save-draft.ts';

/** Quiet time after the last change before a draft is saved: typing does not send a request per key. */
const SAVE_DELAY_MS = 800;

/**
 * Saves the answers being built as a server-side draft shortly after each change, so a reload, a crash or an
 * expired lease loses nothing. Each save also extends the lease (`onLeaseExtended` gets the new expiry).
 */
export function useDraftAutosave(
  leaseId: string,
  answers: DraftAnswers,
  { enabled, onLeaseExtended }: { enabled: boolean; onLeaseExtended: (expiresAt: string) => void },
) {
  const { mutate, data, error, isPending } = useSaveDraft(leaseId);
  // What the server holds already: the restored draft counts, so opening a task saves nothing.
  const saved = useRef(JSON.stringify(answers));
  const extended = useRef(onLeaseExtended);
  extended.current = onLeaseExtended;

  useEffect(() => {
    const json = JSON.stringify(answers);
    if (!enabled || json === saved.current) return;
    const timer = setTimeout(() => {
      mutate(
        { answers },
        {
          onSuccess: (result) => {
            saved.current = json;
            extended.current(result.expiresAt);
          },
        },
      );
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [answers, enabled, mutate]);

  return { savedAt: data?.savedAt, saving: isPending, error };
}
