import { type FormEvent, useId, useState } from 'react';
import { MorePagesButton } from '../../../components/MorePagesButton.tsx';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { useGoldCandidates } from '../api/get-gold-candidates.ts';
import { useMarkGoldFromAnnotation } from '../api/mark-gold.ts';
import { goldMessages } from '../gold.messages.ts';
import { answersSummary } from './answers-summary.ts';

/**
 * Annotations on items that are not gold yet, each usable as its item's reference answers: newest first a page at a
 * time, or the ones of the item a search names (exact external id, or text of the prompt), found by the server.
 */
export function GoldCandidates({ projectId }: { projectId: string }) {
  const t = useMessages(goldMessages);
  const searchId = useId();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const candidates = useGoldCandidates(projectId, search);
  const mark = useMarkGoldFromAnnotation(projectId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
  };
  const list = candidates.data?.pages.flatMap((page) => page.candidates) ?? [];
  return (
    <div className="stack">
      <form className="row" onSubmit={submit}>
        <label htmlFor={searchId}>{t('findCandidate')}</label>
        <input
          id={searchId}
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder={t('findCandidatePlaceholder')}
        />
        <button type="submit">{t('find')}</button>
      </form>
      {candidates.isPending ? (
        <Loading what={t('candidates')} />
      ) : candidates.isError ? (
        <ErrorNotice error={candidates.error} title={t('loadCandidatesFailed')} />
      ) : list.length === 0 ? (
        <p className="muted">{search ? t('noCandidatesFound', { search }) : t('noCandidates')}</p>
      ) : (
        <ul className="stack">
          {list.map((a) => (
            <li key={a.annotationId} className="row">
              <strong>{a.itemExternalId}</strong>
              <span dir="auto">{answersSummary(a.answers)}</span>
              <button
                type="button"
                onClick={() => mark.mutate(a.annotationId)}
                disabled={mark.isPending}
                aria-label={t('useAsGoldLabel', { item: a.itemExternalId })}
              >
                {t('useAsGold')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <MorePagesButton query={candidates} label={t('moreCandidates')} loadingLabel={t('loadingMoreCandidates')} />
      {mark.isError && <ErrorNotice error={mark.error} title={t('notMarked')} />}
    </div>
  );
}
