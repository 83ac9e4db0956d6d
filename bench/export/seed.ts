import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/lib/clock.ts';
import { createServices } from '../../server/src/services.ts';

export { type BenchDatabase, createBenchDatabase } from '../lib/bench-database.ts';

export interface SeededProject {
  projectId: string;
  /** Session cookie of the project's researcher. */
  cookie: string;
}

/**
 * Migrates, creates the researcher and a ranking project through the services, then generates the bulk in SQL
 * (generate_series): `items` items with K outputs each and one complete ranking per item from one annotator, so the
 * export yields items x C(K,2) pairs. Slots, counters and annotations are filled as the submit path leaves them.
 */
export async function seedRankingProject(
  url: string,
  options: { items: number; k: number; promptChars: number; outputChars: number },
): Promise<SeededProject> {
  const database = openDatabase({ kind: 'postgres', url, poolSize: 2, applicationName: 'feedbench-bench-export' });
  try {
    await database.migrate();
    const services = createServices(database, { clock: systemClock, sessionTtlHours: 24 });
    const researcher = await services.auth.createUser({
      email: 'researcher@bench-export.local',
      password: randomBytes(12).toString('hex'),
      role: 'researcher',
    });
    const project = await services.projects.create(
      { ...researcher, createdAt: new Date(researcher.createdAt) },
      {
        name: 'Export bench',
        kind: 'ranking',
        settings: {
          overlapTarget: 1,
          leaseMinutes: 30,
          ordering: 'import-order',
          questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true }],
        },
      },
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `insert into users (email, password_hash, role) values ('annotator@bench-export.local', 'x', 'annotator')
         returning id`,
      );
      const annotatorId = rows[0]?.id as string;
      const filler = (chars: number) => `repeat('lorem ipsum dolor sit amet ', ${Math.ceil(chars / 27)})`;
      await client.query('begin');
      await client.query(
        `insert into items (project_id, external_id, conversation, annotation_count)
         select $1, 'item-' || g,
                jsonb_build_array(jsonb_build_object('role', 'user',
                  'content', left('Question ' || g || ': ' || ${filler(options.promptChars)}, $2))),
                1
           from generate_series(1, $3::int) g`,
        [project.id, options.promptChars, options.items],
      );
      await client.query(
        `insert into item_outputs (item_id, output_id, model, content, position)
         select i.id, 'o' || k, 'model-' || k,
                left('Answer ' || k || ' to ' || i.external_id || ': ' || ${filler(options.outputChars)}, $2), k
           from items i cross join generate_series(0, $3::int - 1) k
          where i.project_id = $1`,
        [project.id, options.outputChars, options.k],
      );
      await client.query(
        `insert into item_slots (item_id, slot_no, project_id, item_fill, item_position)
         select id, 1, project_id, 1, position from items where project_id = $1`,
        [project.id],
      );
      // One strict ranking per item, rotated by the item's position so every output is sometimes best.
      await client.query(
        `insert into annotations (project_id, item_id, slot_no, user_id, lease_id, idempotency_key, answers,
                                  display_order, template_version, guidelines_version, time_on_task_ms, started_at)
         select i.project_id, i.id, 1, $2, gen_random_uuid(), i.id::text,
                jsonb_build_object('rank', jsonb_build_object('type', 'ranking', 'groups',
                  (select jsonb_agg(jsonb_build_array('o' || ((k + i.position) % $3)) order by k)
                     from generate_series(0, $3::int - 1) k))),
                (select jsonb_agg('o' || k order by k) from generate_series(0, $3::int - 1) k),
                1, 1, 30000, now()
           from items i where i.project_id = $1`,
        [project.id, annotatorId, options.k],
      );
      await client.query(
        `update item_slots s set annotation_id = a.id from annotations a
          where a.item_id = s.item_id and s.project_id = $1`,
        [project.id],
      );
      await client.query(`insert into project_members (project_id, user_id, role) values ($1, $2, 'annotator')`, [
        project.id,
        annotatorId,
      ]);
      await client.query('commit');
      await client.query('analyze');
      const token = randomBytes(32).toString('base64url');
      await client.query(
        `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day')`,
        [createHash('sha256').update(token).digest('hex'), researcher.id],
      );
      return { projectId: project.id, cookie: `feedbench_session=${token}` };
    } finally {
      await client.end();
    }
  } finally {
    await database.close();
  }
}
