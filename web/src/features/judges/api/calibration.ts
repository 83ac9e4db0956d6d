import {
  anchoringReportSchema,
  calibrationReportSchema,
  type SuggestionSettings,
  suggestionSettingsSchema,
  type UpdateSuggestionSettingsBody,
} from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectPath } from './judges.ts';

export const calibrationQueryOptions = (projectId: string, category: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'calibration', category],
    queryFn: ({ signal }) =>
      apiJson(
        `${projectPath(projectId)}/calibration${category === '' ? '' : `?category=${encodeURIComponent(category)}`}`,
        calibrationReportSchema,
        { signal },
      ),
  });

export const useCalibration = (projectId: string, category: string) =>
  useQuery(calibrationQueryOptions(projectId, category));

export const suggestionSettingsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'suggestions'],
    queryFn: ({ signal }) => apiJson(`${projectPath(projectId)}/suggestions`, suggestionSettingsSchema, { signal }),
  });

export const useSuggestionSettings = (projectId: string) => useQuery(suggestionSettingsQueryOptions(projectId));

export function useUpdateSuggestionSettings(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSuggestionSettingsBody) =>
      apiJson(`${projectPath(projectId)}/suggestions`, suggestionSettingsSchema, { method: 'PUT', body }),
    onSuccess: (settings: SuggestionSettings) => {
      queryClient.setQueryData(suggestionSettingsQueryOptions(projectId).queryKey, settings);
      void queryClient.invalidateQueries({ queryKey: anchoringQueryOptions(projectId).queryKey });
    },
  });
}

export const anchoringQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['judges', projectId, 'anchoring'],
    queryFn: ({ signal }) => apiJson(`${projectPath(projectId)}/anchoring`, anchoringReportSchema, { signal }),
  });

export const useAnchoring = (projectId: string) => useQuery(anchoringQueryOptions(projectId));
