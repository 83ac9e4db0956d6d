import type { DraftAnswers, Task } from '@feedbench/shared';

/**
 * A copy of the answers in this browser's local storage, written on every change: it covers the seconds before the
 * debounced server save and any time the server cannot be reached (a crash of the tab, a restart of the server, a
 * dropped network). Keyed by lease, which belongs to one annotator, so a shared browser never shows one annotator's
 * work to another.
 */
const PREFIX = 'feedbench.draft.';
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

interface Backup {
  answers: DraftAnswers;
  savedAt: number;
}

function read(leaseId: string): Backup | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + leaseId);
    return raw ? (JSON.parse(raw) as Backup) : undefined;
  } catch {
    return undefined;
  }
}

export function writeLocalDraft(leaseId: string, answers: DraftAnswers) {
  try {
    localStorage.setItem(PREFIX + leaseId, JSON.stringify({ answers, savedAt: Date.now() } satisfies Backup));
  } catch {
    // Full quota or storage disabled: the server draft still covers all but the last seconds.
  }
}

export function clearLocalDraft(leaseId: string) {
  try {
    localStorage.removeItem(PREFIX + leaseId);
  } catch {
    // nothing to clear
  }
}

/** Drops copies of tasks long gone, so storage does not grow with every task ever opened. */
export function pruneLocalDrafts(now = Date.now()) {
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(PREFIX)) continue;
      const backup = read(key.slice(PREFIX.length));
      if (!backup || now - backup.savedAt > MAX_AGE_MS) localStorage.removeItem(key);
    }
  } catch {
    // storage unavailable
  }
}

/** The task with whichever draft is newer: the server's, or this browser's copy. */
export function withNewerLocalDraft<T extends Pick<Task, 'leaseId' | 'draft'>>(task: T): T {
  const local = read(task.leaseId);
  if (!local) return task;
  const serverTime = task.draft ? Date.parse(task.draft.updatedAt) : 0;
  return local.savedAt > serverTime
    ? { ...task, draft: { answers: local.answers, updatedAt: new Date(local.savedAt).toISOString() } }
    : task;
}
