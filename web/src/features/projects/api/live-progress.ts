import { useQueryClient } from '@tanstack/react-query';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';
import { projectQueryOptions } from './get-project.ts';

/**
 * Pushes progress into the project query as the server announces it, so counters move the moment annotators submit.
 * Returns whether the socket is open; polling stays the fallback.
 */
export function useLiveProgress(projectId: string): boolean {
  const queryClient = useQueryClient();
  return useProjectLiveSocket(projectId, ({ progress }) => {
    queryClient.setQueryData(projectQueryOptions(projectId).queryKey, (project) =>
      project ? { ...project, progress } : project,
    );
  });
}
