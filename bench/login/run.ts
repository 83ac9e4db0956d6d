/**
 * Sign-in under a guessing burst: does a legitimate sign-in from another address stay fast while one address fires
 * many parallel guesses at one account? Starts the production bundle on a throwaway PGlite database (TRUST_PROXY on,
 * so X-Forwarded-For stands for the client address), creates the account with the CLI, then measures:
 *   1. the legitimate sign-in alone (median of --samples);
 *   2. the same sign-in from another address while --burst parallel wrong guesses from one address hit one account;
 * and prints the statuses of the burst (how many were checked, how many refused at once).
 *
 *   pnpm bench:login [--burst 16] [--samples 3] [--port 3197]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    burst: { type: 'string', default: '16' },
    samples: { type: 'string', default: '3' },
    port: { type: 'string', default: '3197' },
  },
});
const burst = Number(values.burst);
const samples = Number(values.samples);
const port = Number(values.port);
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'feedbench-bench-login-'));
const env = { ...process.env, FEEDBENCH_DATA_DIR: dataDir, LOG_LEVEL: 'error', TRUST_PROXY: 'true' };
const victim = { email: 'victim@bench.local', password: 'victim passphrase 42' };
const legit = { email: 'legit@bench.local', password: 'legit passphrase 42' };

let server: ChildProcess | undefined;
try {
  execFileSync(process.execPath, [path.join(root, 'server', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  for (const account of [victim, legit]) {
    execFileSync(
      'pnpm',
      ['feedbench', 'user', 'add', '--email', account.email, '--password', account.password, '--role', 'annotator'],
      {
        cwd: root,
        env,
        stdio: 'ignore',
      },
    );
  }
  server = spawn(process.execPath, [path.join(root, 'server', 'dist', 'main.mjs')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', FEEDBENCH_WEB_DIST: '/nonexistent' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; ) {
    ready = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await sleep(200);
  }
  const login = async (account: { email: string; password: string }, address: string) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(account),
    });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

  const alone: number[] = [];
  for (let i = 0; i < samples; i++) alone.push((await login(legit, '192.0.2.1')).ms);
  const during: number[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < samples; i++) {
    const guesses = Array.from({ length: burst }, (_, g) =>
      login({ email: victim.email, password: `wrong guess ${i}-${g}` }, `203.0.113.${i + 1}`),
    );
    await sleep(20);
    const mine = await login(legit, '192.0.2.1');
    if (mine.status !== 200) throw new Error(`legitimate sign-in answered ${mine.status}`);
    during.push(mine.ms);
    for (const g of await Promise.all(guesses)) statuses.set(g.status, (statuses.get(g.status) ?? 0) + 1);
  }
  console.log(
    JSON.stringify(
      {
        burst,
        samples,
        legitimateSignInMs: { alone: Math.round(median(alone)), duringBurst: Math.round(median(during)) },
        burstStatuses: Object.fromEntries([...statuses].sort()),
      },
      null,
      2,
    ),
  );
} finally {
  server?.kill('SIGTERM');
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
}
