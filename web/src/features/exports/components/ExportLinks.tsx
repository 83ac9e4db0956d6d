import { EXPORT_FORMATS, type ExportFormat } from '@feedbench/shared';
import { exportUrl } from '../api/export-url.ts';

// Partial: a format the server gains shows up with its name alone until it is described here.
const DESCRIPTIONS: Partial<Record<ExportFormat, string>> = {
  'openai-chat': 'OpenAI chat fine-tuning: one line per written demonstration.',
  'trl-preference': 'TRL prompt / chosen / rejected: one line per ordered pair of each ranking (ties skipped).',
};

export function ExportLinks({ projectId }: { projectId: string }) {
  return (
    <section className="card stack" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <ul className="export-list">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a className="button" href={exportUrl(projectId, format)} download>
              Download {format}
            </a>
            <span className="hint">{DESCRIPTIONS[format]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
