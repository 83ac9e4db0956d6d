import type { ExportFileFormat, ExportOptions } from '@feedbench/shared';

/** The choices a researcher makes before downloading: the export options plus the file format. */
export type ExportChoices = Partial<ExportOptions> & Pick<ExportOptions, 'format'> & { fileFormat: ExportFileFormat };

/**
 * Exports stream from the server as a file download; the browser fetches them itself (a plain link keeps the
 * session cookie and never buffers a large file in memory), so there is no query here, only the address. Options
 * left empty are left out, so the server's defaults apply.
 */
export function exportUrl(projectId: string, choices: ExportChoices): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(choices)) {
    if (value === undefined || value === '') continue;
    query.set(key, String(value));
  }
  return `/api/projects/${encodeURIComponent(projectId)}/export?${query}`;
}
