// Starts the real server for Playwright on a fresh, throwaway PGlite database: builds the web app (the server
// serves web/dist and checks for it at start), creates the first admin with the CLI, then runs the server until
// Playwright stops it, and deletes the database afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'feedbench-e2e-'));
const env = {
  ...process.env,
  FEEDBENCH_DATA_DIR: dataDir,
  // The secret model API keys are encrypted under, generated into the throwaway folder (not the working tree).
  FEEDBENCH_SECRET_FILE: path.join(dataDir, 'secret'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
const { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD } = process.env;
if (!E2E_ADMIN_EMAIL || !E2E_ADMIN_PASSWORD) throw new Error('E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD must be set');

const run = (args) => execFileSync('pnpm', args, { cwd: repoRoot, env, stdio: 'inherit' });

if (process.env.E2E_SKIP_BUILD !== '1') run(['--filter', '@feedbench/web', 'build']);
run(['feedbench', 'user', 'add', '--email', E2E_ADMIN_EMAIL, '--password', E2E_ADMIN_PASSWORD, '--role', 'admin']);
// The demo projects, as `pnpm start` seeds them: specs check that a first start has something on every screen.
run(['feedbench', 'demo']);

const server = spawn('pnpm', ['--filter', '@feedbench/server', 'start'], { cwd: repoRoot, env, stdio: 'inherit' });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
}
server.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(stopping ? 0 : (code ?? 1));
});
