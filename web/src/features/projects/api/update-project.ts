import { projectSchema, type UpdateProjectBody } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectQueryOptions } from './get-project.ts';
import { projectsQueryOptions } from './get-projects.ts';

export const updateProject = (projectId: string, body: UpdateProjectBody) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}`, projectSchema, { method: 'PATCH', body });

export function useUpdateProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectBody) => updateProject(projectId, body),
    onSuccess: (project) => {
      queryClient.setQueryData(projectQueryOptions(projectId).queryKey, project);
      return queryClient.invalidateQueries({ queryKey: projectsQueryOptions().queryKey, exact: true });
    },
  });
}
