#!/usr/bin/env node
// `pnpm start`: build the web app if it is missing or older than its sources, then serve web + API from one
// process on the embedded database, seeding the demo project and accounts on first run. Installs nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'web', 'src'), path.join(root, 'shared', 'src')];
const stale = !existsSync(dist) || sources.some((dir) => newestMtime(dir) > statSync(dist).mtimeMs);
if (stale) {
  console.log('Building the web app (web/dist)...');
  const build = spawnSync('pnpm', ['--filter', '@feedbench/web', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server runs as one bundled module (server/build.mjs): half the memory of compiling TypeScript at run time.
const bundle = spawnSync(process.execPath, [path.join(root, 'server', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (bundle.status !== 0) process.exit(bundle.status ?? 1);

const server = spawn(process.execPath, [path.join(root, 'server', 'dist', 'main.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FEEDBENCH_DEMO: process.env.FEEDBENCH_DEMO ?? 'true' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
