import type { ImportPreview as Preview } from '@feedbench/shared';
import { useEffect, useRef } from 'react';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { importProblemField, importProblemText } from '../import-problem-text.ts';
import { itemMessages } from '../items.messages.ts';

const megabytes = (bytes: number, format: (n: number, digits: number) => string) => format(bytes / 1024 / 1024, 1);

/**
 * What the import would do with the start of the file: the format it looks like, counts, the first items as they would
 * be stored (prompt, outputs, metadata; user text shown as written) and the bad lines, then Start or Cancel.
 */
export function ImportPreview({
  fileName,
  fileSize,
  preview,
  starting,
  onStart,
  onCancel,
}: {
  fileName: string;
  fileSize: number;
  preview: Preview;
  starting: boolean;
  onStart: () => void;
  onCancel: () => void;
}) {
  const t = useMessages(itemMessages);
  const format = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview replaces the file picker's moment: take the focus to it, so keyboard and screen reader users land here.
  useEffect(() => heading.current?.focus(), []);
  const formatName = (f: string) => (f === 'feedbench' ? t('format_feedbench') : f);
  const mb = (bytes: number) => t('megabytes', { value: megabytes(bytes, format.fixed) });
  return (
    <section className="card stack import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title" ref={heading} tabIndex={-1}>
        {t('previewTitle', { file: fileName })}
      </h3>
      <p className="muted">
        {preview.complete
          ? t('previewWhole', { count: preview.linesRead })
          : t('previewHead', { count: preview.linesRead, size: mb(preview.bytesRead), total: mb(fileSize) })}
        {preview.gzip && ` · ${t('compressed')}`}
      </p>
      <ul className="row wrap preview-facts" aria-label={t('previewTitle', { file: fileName })}>
        <li className="badge">
          {preview.detectedFormat
            ? t('detectedFormat', { format: formatName(preview.detectedFormat) })
            : t('detectedUnknown')}
        </li>
        <li className="badge">{t('validCount', { count: preview.validLines })}</li>
        {preview.badLines > 0 && <li className="badge warning">{t('badCount', { count: preview.badLines })}</li>}
      </ul>
      {preview.detectedFormat && preview.detectedFormat !== preview.format && (
        <p className="notice warning">
          {t('formatDiffers', { detected: formatName(preview.detectedFormat), chosen: formatName(preview.format) })}
        </p>
      )}
      {preview.refusal && (
        <p className="notice error" role="alert">
          {t('refused', { reason: preview.refusal })}
        </p>
      )}
      {preview.items.length === 0 ? (
        <p className="muted">{t('noItemsPreviewed')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways, so it must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-label={t('previewItems')}>
          <table className="table">
            <caption className="visually-hidden">{t('previewItems')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('line')}</th>
                <th scope="col">{t('item')}</th>
                <th scope="col">{t('prompt')}</th>
                <th scope="col">{t('outputs')}</th>
                <th scope="col">{t('metadata')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item) => (
                <tr key={item.line}>
                  <td>{format.integer(item.line)}</td>
                  <th scope="row" dir="auto">
                    {item.externalId}
                  </th>
                  <td>
                    {item.conversation.map((message, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
                      <p key={index} className="item-message" dir="auto">
                        {message.content}
                      </p>
                    ))}
                  </td>
                  <td>
                    <ul className="stack tight">
                      {item.outputs.map((output) => (
                        <li key={output.id}>
                          <code>{output.id}</code>
                          {output.model ? ` (${output.model})` : ''}:{' '}
                          <span className="item-message" dir="auto">
                            {output.content}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{item.metadata ? <code dir="auto">{item.metadata}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {preview.problems.length > 0 && (
        <div className="notice error stack">
          <strong>{t('badLinesRefuse')}</strong>
          <table className="table problems-table">
            <caption className="visually-hidden">{t('previewProblems')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('line')}</th>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('message')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((p, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several problems on the same field
                <tr key={index}>
                  <td>{format.integer(p.line)}</td>
                  <td>
                    <code>{importProblemField(p)}</code>
                  </td>
                  <td>{importProblemText(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={starting || !!preview.refusal} onClick={onStart}>
          {t('startImport')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
