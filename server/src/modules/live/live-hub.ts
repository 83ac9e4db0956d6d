import type {
  ExportJob,
  GenerationJob,
  ImportJob,
  JudgeJob,
  LiveMessage,
  ProjectProgress,
  ScoreJob,
} from '@feedbench/shared';
import type { Executor } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { createLiveRepository, type LiveCredential } from './live.repository.ts';
import type { ProjectEvents } from './project-events.ts';

/** A burst of changes (an import, many submits) becomes one message per socket per window. */
const SEND_WINDOW_MS = 200;
/** Open sockets per account and instance; a page needs one, a few tabs a few. More is refused (429). */
export const MAX_SOCKETS_PER_USER = 8;
/** Sockets are re-checked at least this often even without events, so an expired session's socket closes. */
const RECHECK_EVERY_MS = 15_000;
/** Close codes (4000-4999 are the application's): the client signs in again instead of reconnecting. */
export const CLOSE_SIGNED_OUT = 4401;
export const CLOSE_NO_ACCESS = 4403;

/** What the hub needs of a socket (ws.WebSocket fits). */
export interface LiveSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

interface Watcher {
  socket: LiveSocket;
  userId: string;
  credential: LiveCredential;
  /** The owner's role in the project, re-read with every check: export jobs go to researchers only. */
  role: string;
}

/**
 * Fans each project event out to that project's sockets from one set of reads per event, whatever the number of
 * sockets: the progress counters once, the export jobs once (when a researcher watches), and one statement that
 * re-checks every socket's session or token and its owner's current role. A socket whose session ended (logout,
 * expiry), whose token was revoked or whose owner lost the project is closed before anything more is sent to it.
 * Export jobs (file names, options such as includeGold, errors) go only to those the export routes serve:
 * researchers (and admins) of the project.
 */
export function createLiveHub(deps: {
  db: Executor;
  clock: Clock;
  events: Pick<ProjectEvents, 'subscribe'>;
  progressOf(projectId: string): Promise<ProjectProgress>;
  recentExportJobs?(projectId: string): Promise<ExportJob[]>;
  /** Imports likewise (running, or finished in the last minute): researchers only, like the import routes. */
  recentImportJobs?(projectId: string): Promise<ImportJob[]>;
  /** Judging jobs likewise: researchers only, like the judges routes. */
  recentJudgeJobs?(projectId: string): Promise<JudgeJob[]>;
  /** Generation jobs likewise (researchers only, like the generation routes: model names, errors). */
  recentGenerationJobs?(projectId: string): Promise<GenerationJob[]>;
  /** Reward-model scoring jobs likewise (researchers only, like the score-job routes). */
  recentScoreJobs?(projectId: string): Promise<ScoreJob[]>;
  log(message: string, error?: unknown): void;
}) {
  const repository = createLiveRepository(deps.db);
  const projects = new Map<string, { watchers: Set<Watcher>; unsubscribe(): void; timer?: NodeJS.Timeout }>();
  const perUser = new Map<string, number>();

  async function snapshot(projectId: string, researchers: boolean) {
    const progress = await deps.progressOf(projectId);
    const exportJobs = researchers ? await deps.recentExportJobs?.(projectId) : undefined;
    const importJobs = researchers ? await deps.recentImportJobs?.(projectId) : undefined;
    const judgeJobs = researchers ? await deps.recentJudgeJobs?.(projectId) : undefined;
    const generationJobs = researchers ? await deps.recentGenerationJobs?.(projectId) : undefined;
    const scoreJobs = researchers ? await deps.recentScoreJobs?.(projectId) : undefined;
    const plain: LiveMessage = { type: 'progress', projectId, progress };
    const full: LiveMessage = {
      ...plain,
      ...(exportJobs && exportJobs.length > 0 ? { exportJobs } : {}),
      ...(importJobs && importJobs.length > 0 ? { importJobs } : {}),
      ...(judgeJobs && judgeJobs.length > 0 ? { judgeJobs } : {}),
      ...(generationJobs && generationJobs.length > 0 ? { generationJobs } : {}),
      ...(scoreJobs && scoreJobs.length > 0 ? { scoreJobs } : {}),
    };
    return { plain: JSON.stringify(plain), full: JSON.stringify(full) };
  }

  /** Re-checks every socket of the project in one statement; closes the ones that lost access. */
  async function recheck(projectId: string): Promise<Watcher[]> {
    const entry = projects.get(projectId);
    if (!entry || entry.watchers.size === 0) return [];
    const watchers = [...entry.watchers];
    const { alive, roles } = await repository.recheck(projectId, watchers, deps.clock.now());
    const kept: Watcher[] = [];
    for (const watcher of watchers) {
      const key =
        watcher.credential.kind === 'session'
          ? `session:${watcher.credential.tokenHash}`
          : `token:${watcher.credential.tokenId}`;
      const role = roles.get(watcher.userId);
      if (!alive.has(key)) watcher.socket.close(CLOSE_SIGNED_OUT, 'signed out');
      else if (!role) watcher.socket.close(CLOSE_NO_ACCESS, 'no longer a member of this project');
      else {
        watcher.role = role;
        kept.push(watcher);
        continue;
      }
      remove(projectId, watcher);
    }
    return kept;
  }

  async function flush(projectId: string) {
    const entry = projects.get(projectId);
    if (entry) entry.timer = undefined;
    try {
      const watchers = await recheck(projectId);
      if (watchers.length === 0) return;
      const messages = await snapshot(
        projectId,
        watchers.some((w) => w.role === 'researcher'),
      );
      for (const watcher of watchers) {
        if (watcher.socket.readyState !== watcher.socket.OPEN) continue;
        watcher.socket.send(watcher.role === 'researcher' ? messages.full : messages.plain);
      }
    } catch (error) {
      deps.log('live progress failed', error);
    }
  }

  function schedule(projectId: string) {
    const entry = projects.get(projectId);
    if (entry) entry.timer ??= setTimeout(() => void flush(projectId), SEND_WINDOW_MS);
  }

  function remove(projectId: string, watcher: Watcher) {
    const entry = projects.get(projectId);
    if (!entry?.watchers.delete(watcher)) return;
    const count = (perUser.get(watcher.userId) ?? 1) - 1;
    if (count > 0) perUser.set(watcher.userId, count);
    else perUser.delete(watcher.userId);
    if (entry.watchers.size === 0) {
      entry.unsubscribe();
      if (entry.timer) clearTimeout(entry.timer);
      projects.delete(projectId);
    }
  }

  const sweep = setInterval(() => {
    for (const projectId of projects.keys()) schedule(projectId);
  }, RECHECK_EVERY_MS);
  sweep.unref();

  return {
    /** Whether the account may open one more socket on this instance. */
    hasRoom: (userId: string) => (perUser.get(userId) ?? 0) < MAX_SOCKETS_PER_USER,

    /** Starts streaming to a socket whose access was checked at the upgrade; sends the current state at once. */
    watch(
      projectId: string,
      socket: LiveSocket & { on(event: 'close', listener: () => void): unknown },
      owner: Omit<Watcher, 'socket'>,
    ) {
      let entry = projects.get(projectId);
      if (!entry) {
        const created = { watchers: new Set<Watcher>(), unsubscribe: () => {} };
        created.unsubscribe = deps.events.subscribe(projectId, () => schedule(projectId));
        projects.set(projectId, created);
        entry = created;
      }
      const watcher: Watcher = { ...owner, socket };
      entry.watchers.add(watcher);
      perUser.set(owner.userId, (perUser.get(owner.userId) ?? 0) + 1);
      socket.on('close', () => remove(projectId, watcher));
      // The first message for this socket alone (the others got the current state already).
      void snapshot(projectId, watcher.role === 'researcher')
        .then((messages) => {
          if (socket.readyState === socket.OPEN)
            socket.send(watcher.role === 'researcher' ? messages.full : messages.plain);
        })
        .catch((error: unknown) => deps.log('live progress failed', error));
    },

    /**
     * Re-checks every open socket now (after a sign-out or a membership change on this instance), so they close at
     * once rather than at the next event or sweep. One statement per watched project.
     */
    async recheckAll() {
      await Promise.all(
        [...projects.keys()].map((projectId) =>
          recheck(projectId).catch((e: unknown) => deps.log('live recheck failed', e)),
        ),
      );
    },

    close() {
      clearInterval(sweep);
      for (const entry of projects.values()) {
        entry.unsubscribe();
        if (entry.timer) clearTimeout(entry.timer);
      }
      projects.clear();
    },
  };
}
export type LiveHub = ReturnType<typeof createLiveHub>;
