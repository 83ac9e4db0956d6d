import { type CreateProjectBody, projectSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectsQueryOptions } from './get-projects.ts';

export const createProject = (body: CreateProjectBody) =>
  apiJson('/api/projects', projectSchema, { method: 'POST', body });

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsQueryOptions().queryKey }),
  });
}
