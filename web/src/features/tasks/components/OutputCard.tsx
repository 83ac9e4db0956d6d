import type { TaskOutput } from '@feedbench/shared';
import type { KeyboardEvent, ReactNode } from 'react';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { rankFromKey } from '../hooks/ranks.ts';

interface OutputCardProps {
  output: TaskOutput;
  /** Present when the task ranks outputs: the card shows its rank and takes digit keys like the board does. */
  ranking?: { rank: number | undefined; outputCount: number; onRank: (rank: number | undefined) => void };
  /** The per-output questions (Likert scales). */
  children?: ReactNode;
}

/** One model output, blind: only its display label (A, B, C…) and its text, rendered as untrusted Markdown. */
export function OutputCard({ output, ranking, children }: OutputCardProps) {
  const titleId = `output-${output.label}-title`;

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    // Only when the card itself has focus: digits typed into its controls belong to them.
    if (!ranking || event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
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
      aria-keyshortcuts={ranking ? `1-${ranking.outputCount} 0` : undefined}
      onKeyDown={onKeyDown}
    >
      <header className="output-head">
        <h3 id={titleId}>
          <span className="output-label">{output.label}</span> Output {output.label}
        </h3>
        {ranking && (
          <span className={ranking.rank === undefined ? 'badge muted' : 'badge rank'}>
            {ranking.rank === undefined ? 'unranked' : `rank ${ranking.rank}`}
          </span>
        )}
      </header>
      <MarkdownView text={output.content} className="output-content" />
      {children && <footer className="output-questions">{children}</footer>}
    </article>
  );
}
