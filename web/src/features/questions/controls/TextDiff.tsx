import { diffWordsWithSpace } from 'diff';
import { useDeferredValue, useMemo } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { questionMessages } from '../questions.messages.ts';

/** Past this much work a diff is not worth the wait while typing; the annotator sees both texts anyway. */
const DIFF_TIMEOUT_MS = 50;

/**
 * A word diff of the original against the edit (jsdiff): removals struck through, additions underlined, each also
 * named for screen readers. Computed on a deferred copy of the text, so typing never waits for it.
 */
export function TextDiff({ original, edited }: { original: string; edited: string }) {
  const t = useMessages(questionMessages);
  const deferred = useDeferredValue(edited);
  const changes = useMemo(
    () => diffWordsWithSpace(original, deferred, { timeout: DIFF_TIMEOUT_MS }),
    [original, deferred],
  );
  if (!changes) return <p className="muted">{t('tooManyChanges')}</p>;
  const changed = changes.some((c) => c.added || c.removed);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the diff scrolls, so it must be reachable by keyboard
    <section className="text-diff" tabIndex={0} aria-label={t('changesFromOriginal')} dir="auto">
      {!changed && <p className="muted">{t('noChangesYet')}</p>}
      {changed &&
        changes.map((change, index) =>
          change.removed ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered whole, never reordered
            <del key={index}>
              <span className="visually-hidden">{t('removedOpen')}</span>
              {change.value}
              <span className="visually-hidden">]</span>
            </del>
          ) : change.added ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <ins key={index}>
              <span className="visually-hidden">{t('addedOpen')}</span>
              {change.value}
              <span className="visually-hidden">]</span>
            </ins>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <span key={index}>{change.value}</span>
          ),
        )}
    </section>
  );
}
