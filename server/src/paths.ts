import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root, found by walking up from this file to `pnpm-workspace.yaml`, so the same code finds the
 * migrations, the web build and the demo items whether it runs from TypeScript sources (server/src, through tsx) or
 * from the bundle `pnpm start` runs (server/dist/main.mjs).
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

export const repoRoot = findRepoRoot(import.meta.dirname);
export const migrationsFolder = path.join(repoRoot, 'migrations');
export const webDistFolder = path.join(repoRoot, 'web', 'dist');
export const demoItemsFile = path.join(repoRoot, 'server', 'src', 'demo', 'demo-items.jsonl');
