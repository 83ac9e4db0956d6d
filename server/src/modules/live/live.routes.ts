import { type ExportJob, type ImportJob, type LiveMessage, projectIdParams } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import { checkSocketOrigin } from '../../plugins/websocket-origin.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { ProjectEvents } from './project-events.ts';

/** A burst of changes (an import, many submits) becomes one progress message per socket per window. */
const SEND_WINDOW_MS = 200;

export function liveRoutes(
  projects: ProjectsService,
  events: ProjectEvents,
  options: {
    allowedOrigins: readonly string[];
    /** Background export jobs to report beside the progress (running, or finished in the last minute). */
    recentExportJobs?: (projectId: string) => Promise<ExportJob[]>;
    /** Imports to report likewise (running, or finished in the last minute). */
    recentImportJobs?: (projectId: string) => Promise<ImportJob[]>;
  } = { allowedOrigins: [] },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/live',
      {
        websocket: true,
        schema: { tags: ['live'], params: projectIdParams, hide: true },
        // No body to read: the origin is judged before the caller (below), so it is exempt from the onRequest refusal.
        config: { public: true },
        // Checked before the upgrade, so a refused socket gets a plain 401/403/404 answer. The Origin first: a page
        // of another site must learn nothing, not even whether the project exists.
        preValidation: async (request) => {
          checkSocketOrigin(request, options.allowedOrigins);
          const { projectId } = request.params as { projectId: string };
          await projects.access(requireUser(request), projectId);
        },
      },
      (socket, request) => {
        const { projectId } = request.params;
        let timer: NodeJS.Timeout | undefined;
        const send = async () => {
          timer = undefined;
          try {
            const message: LiveMessage = {
              type: 'progress',
              projectId,
              progress: await projects.progressOf(projectId),
            };
            const exportJobs = await options.recentExportJobs?.(projectId);
            if (exportJobs && exportJobs.length > 0) message.exportJobs = exportJobs;
            const importJobs = await options.recentImportJobs?.(projectId);
            if (importJobs && importJobs.length > 0) message.importJobs = importJobs;
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
          } catch (error) {
            request.log.warn({ err: error }, 'live progress failed');
          }
        };
        const unsubscribe = events.subscribe(projectId, () => {
          timer ??= setTimeout(() => void send(), SEND_WINDOW_MS);
        });
        socket.on('close', () => {
          unsubscribe();
          if (timer) clearTimeout(timer);
        });
        void send();
      },
    );
  };
}
