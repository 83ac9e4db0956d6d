import type { FastifyInstance } from 'fastify';
import { JUDGE_JOB_STALE_MS } from './judges.service.ts';

/**
 * Judging (and reward scoring) jobs survive restarts: once the server is ready it resumes the running jobs whose instance stopped (stale
 * heartbeat), and checks again every JUDGE_JOB_STALE_MS for jobs of instances that ended since. The timer never
 * keeps the process alive and stops on close.
 */
export function registerJudgeJobResumption(
  app: FastifyInstance,
  judges: { jobs: { resumeStale(): Promise<unknown> } },
  log: (message: string, error: unknown) => void,
) {
  let timer: NodeJS.Timeout | undefined;
  const resume = () =>
    void judges.jobs.resumeStale().catch((error: unknown) => log('resuming judge jobs failed', error));
  app.addHook('onReady', async () => {
    resume();
    timer = setInterval(resume, JUDGE_JOB_STALE_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
