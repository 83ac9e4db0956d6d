import type { ImportProblem } from '@feedbench/shared';
import { useMessages } from '../../../i18n/messages.ts';
import { importProblemField, importProblemText } from '../import-problem-text.ts';
import { itemMessages } from '../items.messages.ts';

/** Nothing was imported: the problems are listed by line so the file can be fixed in one pass. */
export function ImportProblemsTable({ problems, badLines }: { problems: ImportProblem[]; badLines: number }) {
  const t = useMessages(itemMessages);
  return (
    <div className="notice error stack" role="alert">
      <strong>
        {t('nothingImported', { count: badLines })}
        {problems.length < badLines ? t('firstProblems', { count: problems.length }) : ''}.
      </strong>
      <table className="table problems-table">
        <caption className="visually-hidden">{t('importProblems')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('line')}</th>
            <th scope="col">{t('field')}</th>
            <th scope="col">{t('message')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several problems on the same field
            <tr key={index}>
              <td>{p.line}</td>
              <td>
                <code>{importProblemField(p)}</code>
              </td>
              <td>{importProblemText(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
