import type { GoldSettings, MemberRole, ProjectSettings, TaskKind } from '@feedbench/shared';
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { projectMembers, projects, users, workspaceMembers } from '../../db/schema/index.ts';

export type ProjectRow = typeof projects.$inferSelect;

export interface ProgressRow {
  items: number;
  annotations: number;
  completedItems: number;
  activeLeases: number;
  skips: number;
}

export function createProjectsRepository(db: Executor) {
  // A named prepared statement, parsed and planned once per connection; built on first use, then reused: every
  // project-scoped request runs it (findWithRole).
  const prepareWithRole = () =>
    db
      .select({ row: projects, role: projectMembers.role })
      .from(projects)
      .leftJoin(
        workspaceMembers,
        and(
          eq(workspaceMembers.workspaceId, projects.workspaceId),
          eq(workspaceMembers.userId, sql.placeholder('userId')),
        ),
      )
      .leftJoin(
        projectMembers,
        and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, workspaceMembers.userId)),
      )
      .where(eq(projects.id, sql.placeholder('id')))
      .prepare('feedbench_project_with_role');
  let withRole: ReturnType<typeof prepareWithRole> | undefined;
  return {
    async insert(values: {
      name: string;
      workspaceId: string;
      kind: TaskKind;
      guidelines: string;
      settings: ProjectSettings;
      createdBy: string | null;
    }) {
      const [row] = await db.insert(projects).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async findById(id: string): Promise<ProjectRow | undefined> {
      const [row] = await db.select().from(projects).where(eq(projects.id, id));
      return row;
    },
    /**
     * The project and the user's role in it (undefined unless they belong to the project AND its workspace), in one
     * round trip: every project-scoped request runs this, the annotator's hot path included.
     */
    async findWithRole(
      id: string,
      userId: string,
    ): Promise<{ row: ProjectRow; role: MemberRole | undefined } | undefined> {
      withRole ??= prepareWithRole();
      const [found] = await withRole.execute({ id, userId });
      return found && { row: found.row, role: found.role ?? undefined };
    },
    listAll(workspaceId?: string): Promise<ProjectRow[]> {
      return db
        .select()
        .from(projects)
        .where(workspaceId ? eq(projects.workspaceId, workspaceId) : undefined)
        .orderBy(desc(projects.createdAt));
    },
    /** The user's projects in workspaces they still belong to (leaving a workspace ends its projects at once). */
    async listForUser(userId: string, workspaceId?: string): Promise<(ProjectRow & { myRole: MemberRole })[]> {
      const rows = await db
        .select({ project: projects, myRole: projectMembers.role })
        .from(projects)
        .innerJoin(projectMembers, eq(projectMembers.projectId, projects.id))
        .innerJoin(
          workspaceMembers,
          and(
            eq(workspaceMembers.workspaceId, projects.workspaceId),
            eq(workspaceMembers.userId, projectMembers.userId),
          ),
        )
        .where(and(eq(projectMembers.userId, userId), workspaceId ? eq(projects.workspaceId, workspaceId) : undefined))
        .orderBy(desc(projects.createdAt));
      return rows.map((r) => ({ ...r.project, myRole: r.myRole }));
    },
    async update(
      id: string,
      patch: Partial<Pick<ProjectRow, 'name' | 'guidelines' | 'settings'>>,
      bump: { guidelines: boolean; template: boolean },
    ) {
      const [row] = await db
        .update(projects)
        .set({
          ...patch,
          ...(bump.guidelines ? { guidelinesVersion: sql`${projects.guidelinesVersion} + 1` } : {}),
          ...(bump.template ? { templateVersion: sql`${projects.templateVersion} + 1` } : {}),
        })
        .where(eq(projects.id, id))
        .returning();
      return row;
    },
    listMembers(projectId: string) {
      return db
        .select({ userId: users.id, email: users.email, role: projectMembers.role })
        .from(projectMembers)
        .innerJoin(users, eq(users.id, projectMembers.userId))
        .where(eq(projectMembers.projectId, projectId))
        .orderBy(asc(users.email));
    },
    async removeMember(projectId: string, userId: string) {
      await db
        .delete(projectMembers)
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    },
    async upsertMember(projectId: string, userId: string, role: MemberRole) {
      await db
        .insert(projectMembers)
        .values({ projectId, userId, role })
        .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role } });
    },
    /**
     * Counters for the dashboard, none counted over the project's rows: item counts from item_counters (kept by
     * triggers on items), live leases (prepared ones left out) from a range of item_slots_live_lease_idx, skips from
     * skips_project_idx. A rejected annotation sends its item back to the pool, so an item whose answers minus its
     * rejected ones fall short of the target is not completed (read over the project's rejected reviews only).
     */
    async progress(projectId: string, overlapTarget: number, now: Date): Promise<ProgressRow> {
      const [row] = await rawRows<Record<keyof ProgressRow, string | number>>(
        db,
        sql`select
          (select coalesce(sum(items), 0) from item_counters where project_id = ${projectId}) as "items",
          (select coalesce(sum(items * annotation_count), 0) from item_counters where project_id = ${projectId})
            as "annotations",
          (select coalesce(sum(items), 0) from item_counters
            where project_id = ${projectId} and annotation_count >= ${overlapTarget})
          - (select count(*) from items i
               join (select item_id, count(*) as n from reviews
                       where project_id = ${projectId} and verdict = 'rejected' group by item_id) rj
                 on rj.item_id = i.id
               where i.annotation_count >= ${overlapTarget}
                 and i.annotation_count - rj.n < ${overlapTarget}) as "completedItems",
          (select count(*) from item_slots s where s.project_id = ${projectId} and s.annotation_id is null
             and s.lease_expires_at is not null and s.lease_expires_at > ${now.toISOString()}::timestamptz
             -- A task prepared beside the held one (assignment.claims.ts) is reserved, not being worked on.
             and not exists (select 1 from leases l where l.id = s.lease_id and l.state = 'prepared'))
            as "activeLeases",
          (select count(*) from skips where project_id = ${projectId}) as "skips"`,
      );
      if (!row) throw new Error('progress query returned no row');
      return {
        items: Number(row.items),
        annotations: Number(row.annotations),
        completedItems: Number(row.completedItems),
        activeLeases: Number(row.activeLeases),
        skips: Number(row.skips),
      };
    },

    /** Pauses an active member (gold's auto-pause); false when already paused, so one pause is recorded once. */
    /** When a researcher last resumed the member (null: never paused, or never resumed). */
    async resumedAt(projectId: string, userId: string): Promise<Date | null> {
      const [row] = await db
        .select({ resumedAt: projectMembers.resumedAt })
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
      return row?.resumedAt ?? null;
    },

    async pauseMember(projectId: string, userId: string, reason: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(projectMembers)
        .set({ pausedAt: at, pausedReason: reason })
        .where(
          and(
            eq(projectMembers.projectId, projectId),
            eq(projectMembers.userId, userId),
            isNull(projectMembers.pausedAt),
          ),
        )
        .returning({ userId: projectMembers.userId });
      return rows.length > 0;
    },

    /** Resumes a paused member; false when they were not paused. */
    async resumeMember(projectId: string, userId: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(projectMembers)
        .set({ pausedAt: null, pausedReason: null, resumedAt: at })
        .where(
          and(
            eq(projectMembers.projectId, projectId),
            eq(projectMembers.userId, userId),
            isNotNull(projectMembers.pausedAt),
          ),
        )
        .returning({ userId: projectMembers.userId });
      return rows.length > 0;
    },

    /**
     * Replaces `settings.gold` only, in one statement: jsonb_set leaves the rest of the settings (template, overlap)
     * as they are even if a researcher saves those at the same moment. Raw SQL because drizzle has no jsonb_set.
     */
    async setGoldSettings(projectId: string, gold: GoldSettings) {
      await db
        .update(projects)
        .set({ settings: sql`jsonb_set(${projects.settings}, '{gold}', ${JSON.stringify(gold)}::jsonb)` })
        .where(eq(projects.id, projectId));
    },
  };
}
export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
