import type { SaveDraftBody, SaveDraftResponse } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import { createOutputBlindingRepository } from '../assignment/output-blinding.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { draftErrors } from './drafts.errors.ts';
import { createDraftsRepository } from './drafts.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  assignment: Pick<AssignmentService, 'leaseOf' | 'heartbeat'>;
  projects: Pick<ProjectsService, 'access'>;
  isAnnotated(itemId: string, userId: string): Promise<boolean>;
}

/** Saved work in progress. A save is also a heartbeat: an annotator who is typing keeps the lease. */
export function createDraftsService({ db, clock, assignment, projects, isAnnotated }: Deps) {
  const repository = createDraftsRepository(db);
  return {
    async save(user: SessionUser, leaseId: string, body: SaveDraftBody): Promise<SaveDraftResponse> {
      // Access first (membership, token scope): a refused save writes nothing.
      const { lease, project } = await assignment.leaseOf(user, leaseId, async (projectId) => {
        const { row } = await projects.access(user, projectId);
        return row;
      });
      if (lease.state === 'submitted' || (await isAnnotated(lease.itemId, user.id))) {
        throw draftErrors.alreadySubmitted();
      }
      const savedAt = clock.now();
      // Stored with real output ids, like submitted answers; ids the annotator was never shown are dropped.
      const blinding = await createOutputBlindingRepository(db).of(lease.itemId);
      await repository.upsert({
        itemId: lease.itemId,
        userId: user.id,
        projectId: lease.projectId,
        answers: blinding.realAnswers(body.answers),
        updatedAt: savedAt,
      });
      // The draft is stored before the heartbeat: even when the lease is lost (409), nothing typed is lost.
      const expiresAt = await assignment.heartbeat(user, leaseId, project.settings.leaseMinutes);
      return { savedAt: savedAt.toISOString(), expiresAt: expiresAt.toISOString() };
    },

    find: (itemId: string, userId: string) => repository.find(itemId, userId),
  };
}
export type DraftsService = ReturnType<typeof createDraftsService>;
