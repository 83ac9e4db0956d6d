import { datasetStatisticsSchema } from '@feedbench/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { type ExportChoices, exportUrl } from './export-url.ts';

/** What the export with these choices would hold, and what it leaves out by reason (`/export/summary`). */
export const exportSummaryQueryOptions = (projectId: string, choices: ExportChoices) => {
  const { fileFormat: _, ...options } = choices;
  const url = exportUrl(projectId, { ...options, fileFormat: 'jsonl' }).replace('/export?', '/export/summary?');
  return queryOptions({
    queryKey: ['exports', projectId, 'summary', options],
    queryFn: ({ signal }) => apiJson(url, datasetStatisticsSchema, { signal }),
  });
};

/** Keeps the last figures on screen while new choices are counted, so the panel does not jump. */
export const useExportSummary = (projectId: string, choices: ExportChoices, enabled: boolean) =>
  useQuery({ ...exportSummaryQueryOptions(projectId, choices), enabled, placeholderData: keepPreviousData });
