import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The production entry point as its own process, so its memory is measured alone (/proc/<pid>/status). */
export class ServerProcess {
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
    /** Extra NODE_OPTIONS for the server only (e.g. a V8 heap cap), default none: the server as it ships. */
    private readonly nodeOptions = '',
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('server not started');
    return this.child.pid;
  }

  async start() {
    // The bundle `pnpm start` runs (server/build.mjs), started by node itself: the pid we measure is the process that
    // serves.
    execFileSync(process.execPath, [path.join(root, 'server', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    this.child = spawn(process.execPath, [path.join(root, 'server', 'dist', 'main.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        FEEDBENCH_INSTANCE: 'feedbench-bench-export',
        FEEDBENCH_WEB_DIST: '/nonexistent',
        NODE_OPTIONS: [process.env.NODE_OPTIONS, this.nodeOptions].filter(Boolean).join(' '),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.baseUrl}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error('server did not become healthy');
  }

  /** Resident set size now and at its peak (VmHWM), in MiB. */
  memory(): { rssMiB: number; peakMiB: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  }

  /** Waits (up to 30 s) for the RSS to stop falling after start-up, as V8 hands start-up garbage back. */
  async settle() {
    let previous = this.memory().rssMiB;
    for (let i = 0; i < 30; i++) {
      await sleep(1000);
      const now = this.memory().rssMiB;
      if (Math.abs(previous - now) < 2) return;
      previous = now;
    }
  }

  /**
   * Resets the peak (VmHWM) to the current RSS (Linux >= 4.0, `echo 5 > /proc/<pid>/clear_refs`), so the next peak
   * read is the peak of what runs after this call, not of start-up.
   */
  resetPeak() {
    writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  }
}
