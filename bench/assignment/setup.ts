import { createHash, randomBytes } from 'node:crypto';
import { ORDERING_POLICIES, type OrderingPolicy } from '@feedbench/shared';
import pg from 'pg';
import { openDatabase } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { csrfTokenFor } from '../../server/src/plugins/csrf.ts';
import { createServices } from '../../server/src/services.ts';

export interface BenchProject {
  projectId: string;
  /** Session cookie per annotator (index = annotator number). */
  annotators: { id: string; email: string; cookie: string }[];
}

/** What a browser sends with a session cookie: the cookie and the session's CSRF token (changes need both). */
export function browserHeaders(cookie: string): Record<string, string> {
  return { cookie, 'x-csrf-token': csrfTokenFor(cookie.replace(/^feedbench_session=/, '')) };
}

/**
 * Migrates and seeds through the real services: a researcher, a ranking project and its items. Annotator accounts
 * share one scrypt hash and get their sessions inserted directly: 200 scrypt runs (~0.3 s each) would measure the
 * password hash, not the assignment engine.
 */
export async function seedProject(
  url: string,
  options: {
    label: string;
    annotators: number;
    items: number;
    overlap: number;
    leaseMinutes: number;
    k: number;
    ordering?: OrderingPolicy;
  },
): Promise<BenchProject> {
  const ordering = options.ordering ?? 'closest-to-completion';
  if (!ORDERING_POLICIES.includes(ordering)) throw new Error(`--policy: one of ${ORDERING_POLICIES.join(', ')}`);
  // Scores for the selection policies, drawn from a fixed sequence so runs repeat: reward-model scores per output
  // (score-margin) and judge-disagreement scores per item; human disagreement grows from the run's own answers.
  let state = 1;
  const draw = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const database = openDatabase({ kind: 'postgres', url, poolSize: 4, applicationName: 'feedbench-bench-setup' });
  try {
    await database.migrate();
    const services = createServices(database, { clock: systemClock, sessionTtlHours: 24 });
    const researcher = await services.auth.createUser({
      email: `researcher-${options.label}@bench.local`,
      password: randomBytes(12).toString('hex'),
      role: 'researcher',
    });
    const owner = { ...researcher, createdAt: new Date(researcher.createdAt) };
    const project = await services.projects.create(owner, {
      name: `Assignment bench (${options.label})`,
      kind: 'ranking',
      settings: {
        overlapTarget: options.overlap,
        leaseMinutes: options.leaseMinutes,
        ordering,
        questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true }],
      },
    });
    const lines = Array.from({ length: options.items }, (_, i) =>
      JSON.stringify({
        id: `item-${i}`,
        prompt: `Bench prompt ${i}`,
        outputs: Array.from({ length: options.k }, (_, j) => ({
          id: `o${j}`,
          content: `Output ${j} of item ${i}`,
          ...(ordering === 'score-margin' ? { score: draw() } : {}),
        })),
      }),
    );
    await services.items.importJsonl(project, lines.join('\n'));

    const pool = new pg.Pool({ connectionString: url, max: 2 });
    if (ordering === 'judge-disagreement') {
      const { rows: itemRows } = await pool.query<{ id: string }>('select id from items where project_id = $1', [
        project.id,
      ]);
      await services.assignment.setSelectionScores(
        project.id,
        'judge-disagreement',
        new Map(itemRows.map((r) => [r.id, draw()])),
      );
    }
    const { rows } = await pool.query<{ password_hash: string }>('select password_hash from users where id = $1', [
      researcher.id,
    ]);
    const hash = rows[0]?.password_hash;
    const annotators: BenchProject['annotators'] = [];
    for (let i = 0; i < options.annotators; i++) {
      const email = `annotator-${options.label}-${i}@bench.local`;
      const inserted = await pool.query<{ id: string }>(
        `insert into users (email, password_hash, role) values ($1, $2, 'annotator') returning id`,
        [email, hash],
      );
      const id = inserted.rows[0]?.id as string;
      // Project access also needs membership of the project's workspace (modules/workspaces).
      await pool.query(
        `insert into workspace_members (workspace_id, user_id, role)
         select workspace_id, $2, 'member' from projects where id = $1`,
        [project.id, id],
      );
      await pool.query(`insert into project_members (project_id, user_id, role) values ($1, $2, 'annotator')`, [
        project.id,
        id,
      ]);
      const token = randomBytes(32).toString('base64url');
      await pool.query(
        `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day')`,
        [createHash('sha256').update(token).digest('hex'), id],
      );
      annotators.push({ id, email, cookie: `feedbench_session=${token}` });
    }
    await pool.end();
    return { projectId: project.id, annotators };
  } finally {
    await database.close();
  }
}
