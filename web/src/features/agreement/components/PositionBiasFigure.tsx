import type { QuestionAgreement } from '@feedbench/shared';
import { formatPercent, formatPValue } from './format.ts';

type RankingQuestion = Extract<QuestionAgreement, { type: 'ranking' | 'pairwise' | 'best-of-k' }>;

/** How often the output shown first was ranked best, against chance (1/K), with an exact binomial p-value. */
export function PositionBiasFigure({ question }: { question: RankingQuestion }) {
  const { groups, tiedTop } = question.positionBias;
  return (
    <section className="stack" aria-label={`Position bias for “${question.label}”`}>
      <h3>Position bias</h3>
      {groups.length === 0 ? (
        <p className="muted">No rankings with a single best output yet.</p>
      ) : (
        <table className="table">
          <caption>First-shown output ranked best, against chance</caption>
          <thead>
            <tr>
              <th scope="col">Outputs shown</th>
              <th scope="col">Rankings</th>
              <th scope="col">First shown won</th>
              <th scope="col">Observed rate</th>
              <th scope="col">Chance</th>
              <th scope="col">p-value</th>
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
        {`${tiedTop} ${question.type === 'best-of-k' ? 'answer' : 'ranking'}${tiedTop === 1 ? '' : 's'}`}
        {question.type === 'best-of-k'
          ? ' with no single best output left out.'
          : ` with a tie for best left out; ${question.rankingsWithTies} with any tie.`}
      </p>
    </section>
  );
}
