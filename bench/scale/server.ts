import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { browserHeaders } from '../assignment/setup.ts';

/** The production bundle (server/dist/main.mjs, built by the caller) on a port of its own, for the scale benches. */
export class BenchServer {
  child?: ChildProcess;
  readonly base: string;
  constructor(
    readonly port: number,
    readonly root: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }
  /** `env` points it at its database (DATABASE_URL, or FEEDBENCH_DATA_DIR for PGlite). */
  async start(env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, [path.join(this.root, 'server', 'dist', 'main.mjs')], {
      cwd: this.root,
      env: {
        ...process.env,
        ...env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        FEEDBENCH_WEB_DIST: '/nonexistent',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
    }
    throw new Error('server did not become healthy');
  }
  peakMiB(): number {
    const status = readFileSync(`/proc/${this.child?.pid}/status`, 'utf8');
    return Number(status.match(/^VmHWM:\s+(\d+) kB/m)?.[1]) / 1024;
  }
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  }
}

/** One call as the browser makes it (session cookie, CSRF header); the body's text, or an error naming the status. */
export async function call(base: string, cookie: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...browserHeaders(cookie), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text;
}

export const getText = (base: string, cookie: string, url: string) => call(base, cookie, 'GET', url);
