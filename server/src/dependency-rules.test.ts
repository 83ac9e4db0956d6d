import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

// The rules `pnpm check:deps` applies to the repository (repository root: .dependency-cruiser.cjs).
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

/** A small tree with one import per rule that must fail, plus the allowed ones beside them. */
const FIXTURE: Record<string, string> = {
  'server/src/services.ts': 'export const wired = 1;\n',
  // A module importing the wiring back.
  'server/src/modules/items/items.service.ts': "import { wired } from '../../services.ts';\nexport const x = wired;\n",
  // A cycle between two modules.
  'server/src/modules/exports/exports.service.ts':
    "import { y } from '../agreement/agreement.report.ts';\nexport const report = () => y;\n",
  'server/src/modules/agreement/agreement.report.ts':
    "import { report } from '../exports/exports.service.ts';\nexport const y = 1;\nexport const z = report;\n",
  // db reaching into a module; the schema barrel re-exporting a table file (allowed) and a service (not).
  'server/src/db/client.ts': "import { x } from '../modules/items/items.service.ts';\nexport const c = x;\n",
  'server/src/modules/items/items.schema.ts': 'export const items = 1;\n',
  'server/src/db/schema/index.ts':
    "export * from '../../modules/items/items.schema.ts';\nexport * from '../../modules/items/items.service.ts';\n",
  // web importing server code, shared importing web, one feature importing another.
  'web/src/features/tasks/next-task.ts':
    "import { wired } from '../../../../server/src/services.ts';\nexport const t = wired;\n",
  'web/src/features/gold/mark-gold.ts': "import { t } from '../tasks/next-task.ts';\nexport const g = t;\n",
  'web/src/lib/api-client.ts': 'export const api = 1;\n',
  'shared/src/index.ts': "import { api } from '../../web/src/lib/api-client.ts';\nexport const s = api;\n",
};

const root = mkdtempSync(path.join(tmpdir(), 'feedbench-deps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('import rules (pnpm check:deps)', () => {
  it('fails each forbidden import of a fixture tree by its rule, and nothing else', async () => {
    for (const [file, source] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), source);
    }
    const result = await cruise(['server', 'shared', 'web'], {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      baseDir: root,
      tsConfig: undefined,
      validate: true,
    });
    const output = result.output;
    if (typeof output === 'string') throw new Error('expected a cruise result');
    // A cycle is reported once, from the file where the cruise met it first.
    const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual(
      [
        'db-imports-no-module: server/src/db/client.ts -> server/src/modules/items/items.service.ts',
        'no-circular: server/src/modules/agreement/agreement.report.ts -> server/src/modules/exports/exports.service.ts',
        'schema-barrel-reads-tables-only: server/src/db/schema/index.ts -> server/src/modules/items/items.service.ts',
        'server-modules-not-app: server/src/modules/items/items.service.ts -> server/src/services.ts',
        'shared-imports-neither-server-nor-web: shared/src/index.ts -> web/src/lib/api-client.ts',
        'web-no-cross-feature: web/src/features/gold/mark-gold.ts -> web/src/features/tasks/next-task.ts',
        'web-not-server: web/src/features/tasks/next-task.ts -> server/src/services.ts',
      ].sort(),
    );
  });
});
