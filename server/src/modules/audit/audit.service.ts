import type {
  ApiTokenAccess,
  AuditAction,
  AuditEvent,
  AuditListResponse,
  AuditQuery,
  GoldSettings,
  MemberRole,
  ReviewVerdict,
  SuggestionMode,
  UserRole,
  WorkspaceRole,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { type AuditRow, createAuditRepository } from './audit.repository.ts';

/**
 * Who acted: the caller of a service (a SessionUser is one: the authenticate plugin adds its request's address and
 * the API token it used), or SYSTEM_ACTOR for the command line, seeds and automatic actions.
 */
export interface AuditActor {
  id: string | null;
  email: string | null;
  ip?: string | null;
  tokenScope?: { tokenId: string };
}

/** Automatic actions (an annotator paused by gold scoring) and calls without a signed-in caller (CLI, seeds). */
export const SYSTEM_ACTOR: AuditActor = { id: null, email: null, ip: null };

/** What an event records besides its actor; `details` is typed per action below. */
interface Event<Details = never> {
  projectId?: string;
  /** What was acted on: an email, a token id, an item id. */
  target?: string;
  details?: Details;
}

/** The one shape of each action's event. */
interface AuditEventShapes {
  'auth.login': Event;
  'auth.login_failed': Event & { target: string };
  'auth.logout': Event;
  'user.create': Event<{ role: UserRole }> & { target: string };
  'member.add': Event<{ role: MemberRole }> & { projectId: string; target: string };
  'project.create': Event & { projectId: string; target: string };
  'project.update': Event<{ fields: string[] }> & { projectId: string };
  'items.import': Event<{ bytes: number }> & { projectId: string };
  // A background export's file leaving the server is the same event as a direct download (target: the job).
  'export.download': Event<{ format: string } | { job: string }> & { projectId: string };
  'token.create': Event<{ name: string; workspaceId: string; access: ApiTokenAccess; projectIds: string[] | null }> & {
    target: string;
  };
  // An admin revoking someone else's token: the owner is named, so the trail shows whose it was.
  'token.revoke': Event<{ name: string; ownerEmail?: string }> & { target: string };
  'workspace.create': Event<{ workspaceId: string; name: string }> & { target: string };
  'workspace.member_add': Event<{
    workspaceId: string;
    role: WorkspaceRole;
    previousRole: WorkspaceRole | null;
  }> & { target: string };
  'workspace.member_remove': Event<{ workspaceId: string; previousRole: WorkspaceRole }> & { target: string };
  'review.verdict': Event<{ verdict: ReviewVerdict }> & { projectId: string; target: string };
  'gold.mark': Event & { projectId: string; target: string };
  'gold.unmark': Event & { projectId: string; target: string };
  'gold.settings': Event<GoldSettings> & { projectId: string };
  'annotator.pause': Event<{ answered: number; accuracy: number | null; minAccuracy: number }> & {
    projectId: string;
    target: string;
  };
  'annotator.resume': Event & { projectId: string; target: string };
  'adjudication.save': Event<{ revision: number }> & { projectId: string; target: string };
  'auth.password_change': Event;
  'user.disable': Event & { target: string };
  'user.enable': Event & { target: string };
  'user.password_reset': Event & { target: string };
  'project.member_remove': Event<{ previousRole: MemberRole }> & { projectId: string; target: string };
  'workspace.invite': Event<{ workspaceId: string; role: WorkspaceRole }> & { target: string };
  'workspace.invitation_revoke': Event<{ workspaceId: string }> & { target: string };
  'workspace.invitation_accept': Event<{ workspaceId: string; role: string }> & { target: string };
  'workspace.invitation_decline': Event<{ workspaceId: string }>;
  'judge.create': Event<{ name: string; connectionId: string }> & { projectId: string; target: string };
  'judge.delete': Event<{ name: string }> & { projectId: string; target: string };
  'judge_job.create': Event<{ judgeIds: string[]; tasks: number }> & { projectId: string; target: string };
  'judge_job.cancel': Event & { projectId: string; target: string };
  // Who turned suggestions (or the anchoring experiment) on or off, with which judge and seed.
  'judge.suggestions': Event<{ mode: SuggestionMode; judgeId: string | null; seed: number }> & { projectId: string };
  // Model connections: never the key, only whether one was set, kept, replaced or removed.
  'model_connection.create': Event<{
    workspaceId: string | null;
    name: string;
    baseUrl: string;
    model: string;
    apiKey: 'set' | 'none';
  }> & { target: string };
  'model_connection.update': Event<{
    workspaceId: string | null;
    name: string;
    fields: string[];
    baseUrl?: string;
    apiKey: 'kept' | 'replaced' | 'removed';
  }> & { target: string };
  'model_connection.delete': Event<{ workspaceId: string | null; name: string; baseUrl: string; model: string }> & {
    target: string;
  };
  'generation.start': Event<{ connectionIds: string[]; samplesPerItem: number; samplesTotal: number }> & {
    projectId: string;
    target: string;
  };
  'generation.cancel': Event & { projectId: string; target: string };
  // Scores set by hand (PUT /output-scores); a scoring job's scores are covered by its own start event.
  'output_scores.set': Event<{ outputs: number; items: number; cleared: number }> & { projectId: string };
  'score_job.create': Event<{ connectionId: string; model: string; items: number }> & {
    projectId: string;
    target: string;
  };
  'score_job.cancel': Event & { projectId: string; target: string };
}
/**
 * Keyed by every name in AUDIT_ACTIONS (shared/), so an action added there without its shape above does not compile,
 * and a service cannot record an action with another action's details.
 */
export type AuditEvents = { [A in AuditAction]: AuditEventShapes[A] };

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    projectId: row.projectId,
    target: row.target,
    ip: row.ip,
    details: row.details ?? null,
    projectName: row.projectName,
    workspaceName: row.workspaceName,
  };
}

function parseCursor(cursor: string) {
  const [at = '', id = ''] = cursor.split('_');
  return { at: new Date(at), id };
}

/**
 * The append-only trail of security-relevant actions; only admins read it (the route checks). It is written in one
 * place: the service that performs an action calls `record` once it has succeeded, so a refused action records
 * nothing and every caller (HTTP, API token, CLI) is audited alike.
 */
export function createAuditService({ db, clock }: { db: Database; clock: Clock }) {
  const repository = createAuditRepository(db);
  return {
    async record<A extends AuditAction>(action: A, actor: AuditActor, event: AuditEvents[A]) {
      const viaToken = actor.tokenScope?.tokenId;
      const { projectId, target, details }: Event<Record<string, unknown>> = event;
      await repository.insert({
        at: clock.now(),
        action,
        actorId: actor.id,
        actorEmail: actor.email,
        ip: actor.ip ?? null,
        projectId: projectId ?? null,
        target: target ?? null,
        details: viaToken ? { ...details, viaToken } : (details ?? null),
      });
    },

    async list(query: AuditQuery): Promise<AuditListResponse> {
      const rows = await repository.list({
        action: query.action,
        projectId: query.projectId,
        before: query.before ? parseCursor(query.before) : undefined,
        limit: query.limit,
      });
      const last = rows.at(-1);
      return {
        events: rows.map(toEvent),
        nextBefore: rows.length === query.limit && last ? `${last.at.toISOString()}_${last.id}` : null,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
/** What other services depend on: recording only. */
export type AuditRecorder = Pick<AuditService, 'record'>;
