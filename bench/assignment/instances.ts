import { type ChildProcess, spawn } from 'node:child_process';
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
    // node itself (tsx as a loader), not the tsx wrapper: a SIGKILL must hit the process that holds the port.
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'main.ts')], {
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
    // A cold start compiles the server with tsx: minutes, not seconds, on a loaded 2-core machine.
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
