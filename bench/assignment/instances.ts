import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sleep } from './stats.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** One real server process (the production entry point) on its own port, sharing the bench database. */
export class ServerInstance {
  private child?: ChildProcess;
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get logFile() {
    return path.join(tmpdir(), `${this.name}-${this.port}.log`);
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    // The bundle `pnpm start` runs, started by node itself: a SIGKILL must hit the process that holds the port.
    // BENCH_SERVER_NODE_ARGS adds node flags to the servers only, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.child = spawn(process.execPath, [...nodeArgs, bundle()], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        FEEDBENCH_INSTANCE: this.name,
        DATABASE_POOL_SIZE: '20',
        FEEDBENCH_WEB_DIST: '/nonexistent',
      },
      // Server logs (errors only) go to a file per instance, printed in the report when anything failed.
      stdio: ['ignore', openSync(this.logFile, 'a'), 'inherit'],
    });
    // A cold start on a loaded 2-core machine can take a while (migrations check, module loading).
    await this.waitHealthy(180_000);
  }

  /** Until the health check (one database query) answers 200; polled every 50 ms so fault windows are tight. */
  async waitHealthy(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.baseUrl}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`${this.name} did not become healthy`);
  }

  /** A crash: no graceful shutdown, in-flight requests die with the process. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  }
}

let built: string | undefined;
/** server/dist/main.mjs, built once per bench run from the current sources (server/build.mjs). */
function bundle(): string {
  if (!built) {
    execFileSync(process.execPath, [path.join(root, 'server', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    built = path.join(root, 'server', 'dist', 'main.mjs');
  }
  return built;
}

/** A port the OS says is free now (bound and released), so runs never collide with other servers here. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
