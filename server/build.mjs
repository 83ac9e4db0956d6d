#!/usr/bin/env node
// Bundles the server (and the @feedbench/shared sources it imports) into one ES module, dist/main.mjs, for
// `pnpm start` and the benchmarks. Running compiled JavaScript instead of compiling TypeScript at run time (tsx)
// halves the server's resident memory (about 200 MiB -> 110 MiB idle, measured with the export benchmark), which the
// export's < 300 MB target needs. npm dependencies stay external: they load from node_modules as usual (PGlite's
// WebAssembly, swagger-ui's assets). Paths to the migrations and the web build are found at run time (src/paths.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const manifest = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@feedbench/'));

// The server, and the CLI (dist/cli.mjs: what bench:import times, for the same memory reason).
const entries = [
  ['main.ts', 'main.mjs'],
  [path.join('cli', 'main.ts'), 'cli.mjs'],
];
for (const [entry, out] of entries)
  await build({
    entryPoints: [path.join(here, 'src', entry)],
    outfile: path.join(here, 'dist', out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...external, ...external.map((name) => `${name}/*`), 'pg-native'],
    sourcemap: 'linked',
    logLevel: 'warning',
    // Bundled CommonJS helpers may call require(): give the module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
