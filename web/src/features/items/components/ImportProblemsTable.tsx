import type { ImportProblem } from '@feedbench/shared';

/** Nothing was imported: every problem is listed so the file can be fixed in one pass. */
export function ImportProblemsTable({ problems }: { problems: ImportProblem[] }) {
  return (
    <div className="notice error stack" role="alert">
      <strong>
        Nothing was imported: {problems.length} problem{problems.length === 1 ? '' : 's'} in the file.
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
