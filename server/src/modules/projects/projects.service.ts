import {
  type AddMemberBody,
  type CreateProjectBody,
  createProjectBody,
  defaultSettings,
  type Member,
  type MemberRole,
  type Project,
  sameQuestions,
  type UpdateProjectBody,
  updateProjectBody,
} from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AssignmentService } from '../assignment/assignment.service.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { WorkspacesService } from '../workspaces/workspaces.service.ts';
import { projectErrors } from './projects.errors.ts';
import { createProjectsRepository, type ProjectRow } from './projects.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  assignment: Pick<AssignmentService, 'resizeSlots' | 'releaseLeasesOf'>;
  workspaces: Pick<WorkspacesService, 'resolveTarget' | 'isMember'>;
  findUserByEmail(email: string): Promise<{ id: string } | undefined>;
  audit: AuditRecorder;
}

export function createProjectsService({ db, clock, assignment, workspaces, findUserByEmail, audit }: Deps) {
  const repository = createProjectsRepository(db);

  async function toProject(row: ProjectRow, myRole: MemberRole): Promise<Project> {
    const progress = await repository.progress(row.id, row.settings.overlapTarget, clock.now());
    return {
      id: row.id,
      name: row.name,
      workspaceId: row.workspaceId,
      kind: row.kind,
      guidelines: row.guidelines,
      guidelinesVersion: row.guidelinesVersion,
      templateVersion: row.templateVersion,
      settings: myRole === 'researcher' ? row.settings : withoutGold(row.settings),
      createdAt: row.createdAt.toISOString(),
      myRole,
      progress,
    };
  }

  /**
   * The caller's role in the project; admins act as researchers everywhere. Non-members get 404. `tx` runs the check
   * inside the caller's transaction (PGlite has one connection: a query on `db` there would wait for it forever).
   */
  async function access(user: SessionUser, projectId: string, tx?: Tx): Promise<{ row: ProjectRow; role: MemberRole }> {
    // An API token limited to some projects sees no other (same 404 as for non-members).
    if (user.tokenScope?.projectIds && !user.tokenScope.projectIds.includes(projectId)) throw projectErrors.notFound();
    const found = await (tx ? createProjectsRepository(tx) : repository).findWithRole(projectId, user.id);
    if (!found) throw projectErrors.notFound();
    const { row, role } = found;
    // A token reaches one workspace, whoever owns it (instance admins included).
    if (user.tokenScope && row.workspaceId !== user.tokenScope.workspaceId) throw projectErrors.notFound();
    if (user.role === 'admin') return { row, role: 'researcher' };
    if (!role) throw projectErrors.notFound();
    return { row, role };
  }

  async function accessAsResearcher(user: SessionUser, projectId: string): Promise<ProjectRow> {
    const { row, role } = await access(user, projectId);
    if (role !== 'researcher') throw projectErrors.researchersOnly();
    return row;
  }

  return {
    access,
    accessAsResearcher,

    async create(user: SessionUser, input: CreateProjectBody): Promise<Project> {
      if (user.role === 'annotator' || user.tokenScope?.projectIds) throw projectErrors.cannotCreate();
      const body = createProjectBody.parse(input);
      // Only a workspace the creator belongs to (or any, for instance admins); 404 for others.
      const workspace = await workspaces.resolveTarget(user, body.workspaceId);
      const row = await db.transaction(async (tx) => {
        const txRepo = createProjectsRepository(tx);
        const created = await txRepo.insert({
          name: body.name,
          workspaceId: workspace.id,
          kind: body.kind,
          guidelines: body.guidelines,
          settings: body.settings ?? defaultSettings(body.kind),
          createdBy: user.id,
        });
        await txRepo.upsertMember(created.id, user.id, 'researcher');
        return created;
      });
      await audit.record('project.create', user, { projectId: row.id, target: row.name });
      return toProject(row, 'researcher');
    },

    /** The caller's projects, in one workspace when asked; a token sees its own workspace's only. */
    async list(user: SessionUser, filter: { workspaceId?: string } = {}): Promise<Project[]> {
      const tokenWorkspace = user.tokenScope?.workspaceId;
      if (tokenWorkspace && filter.workspaceId && filter.workspaceId !== tokenWorkspace) return [];
      const workspaceId = tokenWorkspace ?? filter.workspaceId;
      const rows =
        user.role === 'admin'
          ? (await repository.listAll(workspaceId)).map((r) => ({ ...r, myRole: 'researcher' as const }))
          : await repository.listForUser(user.id, workspaceId);
      const scope = user.tokenScope?.projectIds;
      const visible = scope ? rows.filter((r) => scope.includes(r.id)) : rows;
      return Promise.all(visible.map((r) => toProject(r, r.myRole)));
    },

    async get(user: SessionUser, projectId: string): Promise<Project> {
      const { row, role } = await access(user, projectId);
      return toProject(row, role);
    },

    async update(user: SessionUser, projectId: string, input: UpdateProjectBody): Promise<Project> {
      const body = updateProjectBody.parse(input);
      const current = await accessAsResearcher(user, projectId);
      const templateChanged =
        body.questions !== undefined && !sameQuestions(body.questions, current.settings.questions);
      const settingsChanged =
        body.overlapTarget !== undefined ||
        body.leaseMinutes !== undefined ||
        body.ordering !== undefined ||
        body.outputsFromModels !== undefined;
      const settings =
        !settingsChanged && !templateChanged
          ? undefined
          : {
              ...current.settings,
              ...(body.overlapTarget === undefined ? {} : { overlapTarget: body.overlapTarget }),
              ...(body.leaseMinutes === undefined ? {} : { leaseMinutes: body.leaseMinutes }),
              ...(body.ordering === undefined ? {} : { ordering: body.ordering }),
              ...(body.outputsFromModels === undefined ? {} : { outputsFromModels: body.outputsFromModels }),
              ...(templateChanged && body.questions ? { questions: body.questions } : {}),
            };
      const guidelinesChanged = body.guidelines !== undefined && body.guidelines !== current.guidelines;
      // The fields the researcher sent, changed or not (saving an unchanged form is recorded too).
      const recordUpdate = () =>
        audit.record('project.update', user, { projectId, details: { fields: Object.keys(input) } });
      // Saving an unchanged template alone writes nothing (an UPDATE needs at least one column to set).
      if (body.name === undefined && body.guidelines === undefined && settings === undefined) {
        await recordUpdate();
        return toProject(current, 'researcher');
      }
      const row = await db.transaction(async (tx) => {
        const updated = await createProjectsRepository(tx).update(
          projectId,
          { name: body.name, guidelines: body.guidelines, settings },
          { guidelines: guidelinesChanged, template: templateChanged },
        );
        if (body.overlapTarget !== undefined) await assignment.resizeSlots(tx, projectId, body.overlapTarget);
        return updated;
      });
      if (!row) throw projectErrors.notFound();
      await recordUpdate();
      return toProject(row, 'researcher');
    },

    /** The project's row without an access check (undefined: no such project), for background work and scoping. */
    findRow: (projectId: string) => repository.findById(projectId),

    /** Counters only, for the live feed (access was checked when the socket opened). */
    async progressOf(projectId: string) {
      const row = await repository.findById(projectId);
      if (!row) throw projectErrors.notFound();
      return repository.progress(projectId, row.settings.overlapTarget, clock.now());
    },

    async listMembers(user: SessionUser, projectId: string): Promise<Member[]> {
      await accessAsResearcher(user, projectId);
      return repository.listMembers(projectId);
    },

    async addMember(user: SessionUser, projectId: string, body: AddMemberBody): Promise<Member[]> {
      const project = await accessAsResearcher(user, projectId);
      const member = await findUserByEmail(body.email);
      // Accounts of other workspaces get the same answer as unknown ones: no probing who exists elsewhere.
      if (!member || !(await workspaces.isMember(project.workspaceId, member.id))) {
        throw projectErrors.unknownUser(body.email);
      }
      const members = await repository.listMembers(projectId);
      const current = members.find((m) => m.userId === member.id);
      if (current?.role === 'researcher' && body.role !== 'researcher') {
        if (members.filter((m) => m.role === 'researcher').length === 1) throw projectErrors.lastResearcher();
      }
      await repository.upsertMember(projectId, member.id, body.role);
      await audit.record('member.add', user, { projectId, target: body.email, details: { role: body.role } });
      return repository.listMembers(projectId);
    },

    /** Takes someone off the project; the items they held go back to the pool at once (their answers stay). */
    async removeMember(user: SessionUser, projectId: string, userId: string) {
      await accessAsResearcher(user, projectId);
      const members = await repository.listMembers(projectId);
      const removed = members.find((m) => m.userId === userId);
      if (!removed) throw projectErrors.noMember();
      // A project keeps at least one researcher, or nobody could manage it but instance admins.
      if (removed.role === 'researcher' && members.filter((m) => m.role === 'researcher').length === 1) {
        throw projectErrors.lastResearcher();
      }
      await repository.removeMember(projectId, userId);
      await assignment.releaseLeasesOf(userId, projectId);
      await audit.record('project.member_remove', user, {
        projectId,
        target: removed.email,
        details: { previousRole: removed.role },
      });
      return { members: members.filter((m) => m.userId !== userId), removed };
    },
  };
}
export type ProjectsService = ReturnType<typeof createProjectsService>;

/** Annotators must not learn that control items are mixed into their queue (nor at what rate or threshold). */
function withoutGold({ gold: _gold, ...settings }: ProjectRow['settings']) {
  return settings;
}
