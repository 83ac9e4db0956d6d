import { sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';

/** How a socket's owner signed in, re-checked while the socket lives. */
export type LiveCredential = { kind: 'session'; tokenHash: string } | { kind: 'token'; tokenId: string };

export interface LiveWatcher {
  userId: string;
  credential: LiveCredential;
}

/**
 * One statement re-checks every socket of a project at once (not one read per socket): is the session or API token
 * still alive, and what is the owner's role in the project today (admins act as researchers; a member whose
 * workspace membership ended has none, like projects.access). It reads the auth, token, workspace and project tables
 * of other modules in one statement: a call per module would be a read per socket and module.
 */
export function createLiveRepository(db: Executor) {
  return {
    async recheck(
      projectId: string,
      watchers: LiveWatcher[],
      now: Date,
    ): Promise<{ alive: Set<string>; roles: Map<string, string> }> {
      const sessionHashes = watchers.flatMap((w) => (w.credential.kind === 'session' ? [w.credential.tokenHash] : []));
      const tokenIds = watchers.flatMap((w) => (w.credential.kind === 'token' ? [w.credential.tokenId] : []));
      const userIds = [...new Set(watchers.map((w) => w.userId))];
      const list = (values: string[]) =>
        sql`array[${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )}]::text[]`;
      const at = now.toISOString();
      const rows = await rawRows<{ kind: string; key: string; role: string | null }>(
        db,
        sql`
          select 'session' as kind, s.token_hash as key, null as role from sessions s
            where s.token_hash = any(${list(sessionHashes.length ? sessionHashes : [''])})
              and s.expires_at > ${at}::timestamptz
          union all
          select 'token', t.id::text, null from api_tokens t
            where t.id::text = any(${list(tokenIds.length ? tokenIds : [''])})
              and t.revoked_at is null and (t.expires_at is null or t.expires_at > ${at}::timestamptz)
          union all
          select 'role', u.id::text, case when u.role = 'admin' then 'researcher' else pm.role end
            from users u
            join projects p on p.id = ${projectId}
            left join workspace_members wm on wm.workspace_id = p.workspace_id and wm.user_id = u.id
            left join project_members pm on pm.project_id = p.id and pm.user_id = u.id and wm.user_id is not null
            where u.id::text = any(${list(userIds.length ? userIds : [''])})`,
      );
      const alive = new Set(rows.filter((r) => r.kind !== 'role').map((r) => `${r.kind}:${r.key}`));
      const roles = new Map(rows.flatMap((r) => (r.kind === 'role' && r.role ? [[r.key, r.role] as const] : [])));
      return { alive, roles };
    },
  };
}
