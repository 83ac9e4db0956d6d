import { defineConfig } from 'vitest/config';

// Two tiers (see STYLE.md): *.test.ts is pure logic; *.int.test.ts runs against a real database. The integration
// tier runs twice, once on a fresh PostgreSQL database and once on PGlite, so both engines stay supported.
const integration = (engine: 'postgres' | 'pglite') => ({
  test: {
    name: `int-${engine}`,
    include: ['server/src/**/*.int.test.ts'],
    // The permission matrix (every route x every caller, minutes long) checks rules that do not depend on the engine:
    // it runs on PostgreSQL only, so the single-connection PGlite tier stays within CI's time budget.
    exclude: engine === 'pglite' ? ['server/src/plugins/permission-matrix.int.test.ts'] : [],
    env: { FEEDBENCH_TEST_ENGINE: engine },
    globalSetup: ['server/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    // Two files at a time, one per core of the CI machines (each PGlite file opens its own ~0.5-1 GB database).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      integration('postgres'),
      integration('pglite'),
    ],
  },
});
