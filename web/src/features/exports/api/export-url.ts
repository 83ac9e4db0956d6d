import type { ExportFormat } from '@feedbench/shared';

/**
 * Exports stream from the server as a file download; the browser fetches them itself (a plain link keeps the
 * session cookie and never buffers a large file in memory), so there is no query here, only the address.
 */
export const exportUrl = (projectId: string, format: ExportFormat) =>
  `/api/projects/${encodeURIComponent(projectId)}/export?format=${encodeURIComponent(format)}`;
