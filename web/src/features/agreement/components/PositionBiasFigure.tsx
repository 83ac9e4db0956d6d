import type { QuestionAgreement } from '@feedbench/shared';
import { at } from '../agreement.messages.ts';
import { formatPercent, formatPValue } from './format.ts';

type RankingQuestion = Extract<QuestionAgreement, { type: 'ranking' | 'pairwise' | 'best-of-k' }>;

/** How often the output shown first was ranked best, against chance (1/K), with an exact binomial p-value. */
export function PositionBiasFigure({ question }: { question: RankingQuestion }) {
  const { groups, tiedTop } = question.positionBias;
  return (
    <section className="stack" aria-label={at('positionBiasFor', { label: question.label })}>
      <h3>{at('positionBias')}</h3>
      {groups.length === 0 ? (
        <p className="muted">{at('noSingleBest')}</p>
      ) : (
        <table className="table">
          <caption>{at('firstShownCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{at('outputsShown')}</th>
              <th scope="col">{at('rankings')}</th>
              <th scope="col">{at('firstShownWon')}</th>
              <th scope="col">{at('observedRate')}</th>
              <th scope="col">{at('chance')}</th>
              <th scope="col">{at('pValue')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.outputs}>
                <th scope="row">{g.outputs}</th>
                <td>{g.trials}</td>
                <td>{g.firstShownWins}</td>
                <td>{formatPercent(g.rate)}</td>
                <td>{formatPercent(g.chance)}</td>
                <td>{formatPValue(g.pValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        {question.type === 'best-of-k'
          ? at('tiedTopBest', { count: tiedTop })
          : at('tiedTopRanking', { count: tiedTop, withTies: question.rankingsWithTies })}
      </p>
    </section>
  );
}
