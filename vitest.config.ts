import { defineConfig } from 'vitest/config';

// Two tiers (see STYLE.md): *.test.ts is pure logic; *.int.test.ts runs against a real database. The integration
// tier runs twice, once on a fresh PostgreSQL database and once on PGlite, so both engines stay supported.
const integration = (engine: 'postgres' | 'pglite') => ({
  test: {
    name: `int-${engine}`,
    include: ['server/src/**/*.int.test.ts'],
    env: { FEEDBENCH_TEST_ENGINE: engine },
    globalSetup: ['server/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite is single-connection and each file builds its own app: one file at a time keeps memory flat.
    fileParallelism: engine === 'postgres',
  },
});

export default defineConfig({
  test: {
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
