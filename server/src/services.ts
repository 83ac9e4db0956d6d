import type { DatabaseHandle } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import { createAnnotationsService } from './modules/annotations/annotations.service.ts';
import { createAssignmentService } from './modules/assignment/assignment.service.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createExportsService } from './modules/exports/exports.service.ts';
import { createItemsService } from './modules/items/items.service.ts';
import { createProjectsService } from './modules/projects/projects.service.ts';

/** Wires every service once; the HTTP app and the CLI both use this, so neither repeats the other's logic. */
export function createServices(database: DatabaseHandle, options: { clock: Clock; sessionTtlHours: number }) {
  const { db } = database;
  const { clock } = options;
  const auth = createAuthService({
    repository: createAuthRepository(db),
    clock,
    sessionTtlHours: options.sessionTtlHours,
  });
  const assignment = createAssignmentService({ db, clock });
  const projects = createProjectsService({ db, clock, assignment, findUserByEmail: auth.findUserByEmail });
  const items = createItemsService({ db, assignment });
  const annotations = createAnnotationsService({ db, clock, projects, items, assignment });
  const exports = createExportsService({ db });
  return { auth, assignment, projects, items, annotations, exports };
}
export type Services = ReturnType<typeof createServices>;
