import type { OutputCardRank } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';

/**
 * A rank picker on an output's own card. Only narrow screens show it (styles.css `.output-rank-select`): on a phone
 * the ranking board comes after every output, so the annotator ranks each one where they read it. Used by the task
 * page's output cards and the chat page's candidate replies.
 */
export function OutputRankSelect({ ranking, label }: { ranking: OutputCardRank; label: string }) {
  return (
    <select
      className="output-rank-select"
      aria-label={label}
      value={ranking.rank ?? ''}
      onChange={(e) => ranking.onRank(e.target.value === '' ? undefined : Number(e.target.value))}
    >
      <option value="">{qt('unrankedOption')}</option>
      {Array.from({ length: ranking.outputCount }, (_, i) => i + 1).map((rank) => (
        <option key={rank} value={rank}>
          {qt('rankOption', { rank })}
        </option>
      ))}
    </select>
  );
}
