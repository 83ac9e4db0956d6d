import type { ChatCandidate } from '@feedbench/shared';
import type { ReactNode } from 'react';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import type { OutputCardRank } from '../../questions/question-kind.ts';
import { OutputRankSelect } from '../../questions/ranking/OutputRankSelect.tsx';
import { chatMessages } from '../chat.messages.ts';

interface CandidateCardProps {
  candidate: ChatCandidate;
  chosen: boolean;
  /** The turn is answered: no stop, regenerate or choice any more. */
  readOnly: boolean;
  onStop: () => void;
  onRegenerate: () => void;
  onChoose: () => void;
  /** The turn ranks its candidates: the card shows a rank picker on narrow screens (the board is far below). */
  ranking?: OutputCardRank;
  /** Per-candidate questions (flags, ratings) of the turn's template. */
  children?: ReactNode;
}

/** One blind candidate reply: its label, the text as it streams, its state, and what the annotator can do with it. */
export function CandidateCard({
  candidate,
  chosen,
  readOnly,
  onStop,
  onRegenerate,
  onChoose,
  ranking,
  children,
}: CandidateCardProps) {
  const t = useMessages(chatMessages);
  const label = t('candidateLabel', { label: candidate.label });
  const choosable = candidate.state === 'done' || candidate.state === 'stopped';
  const status =
    candidate.state === 'streaming'
      ? t('streaming')
      : candidate.state === 'stopped'
        ? t('stopped')
        : candidate.state === 'interrupted'
          ? t('interrupted')
          : candidate.state === 'error'
            ? `${t('failed')}: ${candidate.error?.message ?? ''}`
            : '';
  return (
    <article
      className={`card output-card chat-candidate${chosen ? ' chosen' : ''}`}
      aria-label={label}
      aria-busy={candidate.state === 'streaming'}
      data-state={candidate.state}
    >
      <header className="output-head">
        <h3>{label}</h3>
        {chosen && <span className="badge">{t('chosen')}</span>}
        {ranking && !readOnly && candidate.state !== 'streaming' && (
          <OutputRankSelect ranking={ranking} label={t('rankOfCandidate', { label: candidate.label })} />
        )}
      </header>
      <div className="chat-candidate-text" dir="auto">
        <MarkdownView text={candidate.content} />
      </div>
      {status && (
        <p className={candidate.state === 'error' ? 'notice error' : 'muted'} role="status">
          {status}
        </p>
      )}
      {!readOnly && (
        <div className="actions">
          {candidate.state === 'streaming' ? (
            <button type="button" onClick={onStop}>
              {t('stop')}
            </button>
          ) : (
            <button type="button" onClick={onRegenerate}>
              {candidate.state === 'error' ? t('retry') : t('regenerate')}
            </button>
          )}
          {choosable && (
            <label className="choice">
              <input type="radio" name="chosen-candidate" checked={chosen} onChange={onChoose} /> {t('choose')}
            </label>
          )}
        </div>
      )}
      {children}
    </article>
  );
}
