import type { ImportProblem } from '@feedbench/shared';

/** Nothing was imported: the problems are listed by line so the file can be fixed in one pass. */
export function ImportProblemsTable({ problems, badLines }: { problems: ImportProblem[]; badLines: number }) {
  return (
    <div className="notice error stack" role="alert">
      <strong>
        Nothing was imported: {badLines} bad line{badLines === 1 ? '' : 's'} in the file
        {problems.length < badLines ? ` (the first ${problems.length} problems are listed)` : ''}.
      </strong>
      <table className="table problems-table">
        <caption className="visually-hidden">Import problems</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Field</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several problems on the same field
            <tr key={index}>
              <td>{p.line}</td>
              <td>
                <code>{p.field || '—'}</code>
              </td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
