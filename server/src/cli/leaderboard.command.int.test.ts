import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LeaderboardResponse } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedLeaderboardProject } from '../modules/leaderboard/leaderboard.fixtures.ts';
import type { Person } from '../test/annotating.ts';
import { buildTestApp, engine, type TestHarness } from '../test/test-app.ts';
import { leaderboardOptions, leaderboardTable } from './leaderboard.command.ts';

let h: TestHarness;
let researcher: Person;
let projectId: string;
beforeAll(async () => {
  h = await buildTestApp();
  ({ researcher, projectId } = await seedLeaderboardProject(h));
});
afterAll(() => h.close());

async function leaderboard(query: string) {
  return h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/leaderboard${query}`,
    headers: researcher.headers,
  });
}

describe('feedbench leaderboard --project', () => {
  it('reads flags with the API query schema, naming a bad flag', () => {
    expect(leaderboardOptions({ project: projectId, lengthControlled: true, bootstrap: '20' })).toMatchObject({
      lengthControlled: true,
      bootstrap: 20,
      categoryField: 'category',
    });
    expect(() => leaderboardOptions({ project: projectId, bootstrap: '-1' })).toThrow(/--bootstrap/);
  });

  it('prints the table with ranks, ratings, intervals and records', async () => {
    const board = (await leaderboard('?bootstrap=20')).json() as LeaderboardResponse;
    const lines = leaderboardTable(board).split('\n');
    expect(lines[0]).toMatch(/^rank\s+model\s+rating\s+95% interval\s+W-L-T\s+n$/);
    expect(lines[1]).toMatch(
      new RegExp(`^1\\s+alpha\\s+${board.models[0]?.rating.toFixed(1)}\\s+\\S+ \\.\\. \\S+\\s+16-6-0\\s+22$`),
    );
    expect(lines).toContain('32 comparisons from 12 answers on 6 items');
  });

  // The CLI as a user runs it: its own process on the shared PostgreSQL database, acting as the oldest admin.
  it.runIf(engine === 'postgres')("answers --json with the API's leaderboard", { timeout: 120_000 }, async () => {
    await h.user('admin');
    const root = path.resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli/main.ts',
        'leaderboard',
        '--project',
        projectId,
        '--bootstrap',
        '20',
        '--json',
      ],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: inject('databaseUrl') as string } },
    );
    const fromCli = JSON.parse(stdout) as LeaderboardResponse;
    const fromApi = (await leaderboard('?bootstrap=20')).json() as LeaderboardResponse;
    expect(fromCli.models).toEqual(fromApi.models);
    expect(fromCli.winRates).toEqual(fromApi.winRates);
  });
});
