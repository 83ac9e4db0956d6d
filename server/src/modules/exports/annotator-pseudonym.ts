import { createHash } from 'node:crypto';

/**
 * A stable pseudonymous annotator id for published datasets: a hash of the project and user ids, never the email or
 * the account uuid. Stable across exports of one project; different across projects, so two published datasets do not
 * link one annotator. Pseudonymous, not anonymous: whoever holds both uuids can recompute it.
 */
export function annotatorPseudonym(projectId: string, userId: string): string {
  return `ann-${createHash('sha256').update(`feedbench-annotator\u0000${projectId}\u0000${userId}`).digest('hex').slice(0, 16)}`;
}
