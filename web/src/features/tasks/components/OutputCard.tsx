import type { TaskOutput } from '@feedbench/shared';
import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import type { OutputCardRank } from '../../questions/question-kind.ts';
import { OutputRankSelect } from '../../questions/ranking/OutputRankSelect.tsx';
import { rankFromKey } from '../../questions/ranking/ranks.ts';
import { taskMessages } from '../tasks.messages.ts';

/** Outputs longer than this (characters or lines) start folded, so every output's questions stay in reach. */
const LONG_CHARS = 1500;
const LONG_LINES = 30;
export const isLongOutput = (content: string) => content.length > LONG_CHARS || content.split('\n').length > LONG_LINES;

interface OutputCardProps {
  output: TaskOutput;
  /** Present when the task ranks outputs: the card shows its rank and takes digit keys like the board does. */
  ranking?: OutputCardRank;
  /** Forced open or folded by the page-wide "expand all" key; the card's own button toggles it too. */
  expandAll?: boolean;
  /** The per-output questions (Likert scales, attributes, flags). */
  children?: ReactNode;
}

/** One model output, blind: only its display label (A, B, C…) and its text, rendered as untrusted Markdown. */
export function OutputCard({ output, ranking, expandAll, children }: OutputCardProps) {
  const t = useMessages(taskMessages);
  const titleId = `output-${output.label}-title`;
  const bodyId = useId();
  const long = isLongOutput(output.content);
  const [expanded, setExpanded] = useState<boolean | undefined>(undefined);
  const open = !long || (expanded ?? expandAll ?? false);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    // Only when the card itself has focus: digits typed into its controls belong to them.
    if (!ranking || event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '=') {
      event.preventDefault();
      ranking.onTie();
      return;
    }
    const next = rankFromKey(event.key, ranking.outputCount);
    if (next === undefined) return;
    event.preventDefault();
    ranking.onRank(next ?? undefined);
  }

  return (
    <article
      className="card output-card"
      aria-labelledby={titleId}
      tabIndex={ranking ? 0 : undefined}
      aria-keyshortcuts={ranking ? `1-${ranking.outputCount} 0 =` : undefined}
      onKeyDown={onKeyDown}
    >
      <header className="output-head">
        <h3 id={titleId}>
          <span className="output-label" aria-hidden="true">
            {output.label}
          </span>{' '}
          {t('output', { label: output.label })}
        </h3>
        {ranking && (
          <span className={ranking.rank === undefined ? 'badge muted' : 'badge rank'}>
            {ranking.rank === undefined ? t('unranked') : t('rank', { rank: ranking.rank })}
          </span>
        )}
        {ranking && <OutputRankSelect ranking={ranking} label={t('rankOf', { label: output.label })} />}
      </header>
      <div id={bodyId} className={open ? 'output-body' : 'output-body folded'}>
        <MarkdownView text={output.content} className="output-content" />
      </div>
      {long && (
        <button
          type="button"
          className="ghost expander"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setExpanded(!open)}
        >
          {open ? t('showLess') : t('showAll', { label: output.label })}
        </button>
      )}
      {children && <footer className="output-questions">{children}</footer>}
    </article>
  );
}
