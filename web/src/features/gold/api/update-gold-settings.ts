import { type GoldSettingsBody, goldSettingsSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { goldAccuracyQueryOptions } from './get-gold-accuracy.ts';

export const updateGoldSettings = ({ projectId, body }: { projectId: string; body: GoldSettingsBody }) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/gold/settings`, goldSettingsSchema, { method: 'PUT', body });

export function useUpdateGoldSettings(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GoldSettingsBody) => updateGoldSettings({ projectId, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldAccuracyQueryOptions(projectId).queryKey }),
  });
}
