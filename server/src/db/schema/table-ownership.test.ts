import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getTableName, isTable } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from './index.ts';
import { READ_MODELS, TABLE_OWNERS, type TableName, WRITE_EXCEPTIONS } from './table-ownership.ts';

const SERVER_SRC = path.resolve(import.meta.dirname, '../..');

/** Export name (`itemSlots`) -> SQL name (`item_slots`) of every table drizzle-kit sees. */
const TABLE_EXPORTS = new Map<string, string>(
  Object.entries(schema).flatMap(([name, value]) => (isTable(value) ? [[name, getTableName(value)] as const] : [])),
);
const SQL_NAMES = new Set(TABLE_EXPORTS.values());

interface TableUse {
  file: string;
  table: string;
  how: string;
}

/** The module a file belongs to: `modules/<module>/...` or the top folder under server/src (`plugins`, `cli`...). */
function moduleOf(file: string): string {
  const [top = '', next = ''] = file.split('/');
  return top === 'modules' ? next : top.replace(/\.ts$/, '');
}

/** Comments out, so prose such as "we never delete from drafts" is not read as a write. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Local names of imported tables: `import { items as itemRows } from '.../db/schema/index.ts'` or a *.schema.ts. */
function localTables(code: string): Map<string, string> {
  const locals = new Map<string, string>();
  for (const [, names = ''] of code.matchAll(
    /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'[^']*(?:db\/schema\/index|\.schema)\.ts'/g,
  )) {
    for (const part of names.split(',')) {
      const [exported = '', local = exported] = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/);
      const table = TABLE_EXPORTS.get(exported.trim());
      if (table) locals.set(local.trim(), table);
    }
  }
  return locals;
}

/**
 * Every table write in a source file: drizzle calls on a table object (`.insert(items)`, `.update(leases)`,
 * `.delete(drafts)`, whatever the local alias of the imported table) and raw SQL (`insert into items`,
 * `update items set`, `delete from items`, also with the table interpolated: `update ${items} set`).
 */
export function tableWrites(file: string, source: string): TableUse[] {
  const code = withoutComments(source);
  const locals = localTables(code);
  const writes: TableUse[] = [];
  for (const [, verb = '', name = ''] of code.matchAll(/\.(insert|update|delete)\(\s*([A-Za-z_$][\w$]*)\s*\)/g)) {
    const table = locals.get(name);
    if (table) writes.push({ file, table, how: `${verb}(${name})` });
  }
  const rawWrite =
    /\b(insert\s+into|delete\s+from|update)\s+(?:"?([a-z_][a-z0-9_]*)"?|\$\{\s*([A-Za-z_$][\w$]*)\s*\})(?:\s+(?:as\s+)?[a-z_]\w*)?\s*(\(|\bset\b|\bwhere\b|\busing\b|\bselect\b|\bvalues\b|\bon\b|\breturning\b|$)/gim;
  for (const match of code.matchAll(rawWrite)) {
    const [how, verb = '', sqlName, interpolated, next = ''] = match;
    const table = sqlName ?? locals.get(interpolated ?? '');
    if (!table || !SQL_NAMES.has(table)) continue;
    // `update x` is a write only with its `set`; `on conflict do update set` names no table.
    if (verb.toLowerCase() === 'update' && next.toLowerCase() !== 'set') continue;
    writes.push({ file, table, how: how.replace(/\s+/g, ' ').trim() });
  }
  return writes;
}

/**
 * Every table a source file reads: drizzle `.from(table)` and joins, raw SQL `from table` / `join table` (also with
 * the table interpolated). Comments are left out as for writes.
 */
export function tableReads(file: string, source: string): TableUse[] {
  const code = withoutComments(source);
  const locals = localTables(code);
  const reads: TableUse[] = [];
  for (const [how, , name = ''] of code.matchAll(
    /\.(from|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*([A-Za-z_$][\w$]*)/g,
  )) {
    const table = locals.get(name);
    if (table) reads.push({ file, table, how });
  }
  for (const [how, , sqlName, interpolated] of code.matchAll(
    /\b(from|join)\s+(?:"?([a-z_][a-z0-9_]*)"?\b|\$\{\s*([A-Za-z_$][\w$]*)\s*\})/gi,
  )) {
    const table = sqlName ?? locals.get(interpolated ?? '');
    if (table && SQL_NAMES.has(table)) reads.push({ file, table, how });
  }
  return reads;
}

/** The reads of another module's tables that no read model documents. */
function undocumentedReads(reads: readonly TableUse[]): TableUse[] {
  return reads.filter(
    (r) =>
      TABLE_OWNERS[r.table as TableName] !== moduleOf(r.file) &&
      !READ_MODELS.some((m) => m.file === r.file && m.reads.includes(r.table as TableName)),
  );
}

/** The writes the map does not allow: to another module's table, and not one of the documented exceptions. */
function violations(writes: readonly TableUse[]): TableUse[] {
  return writes.filter(
    (w) =>
      TABLE_OWNERS[w.table as TableName] !== moduleOf(w.file) &&
      !WRITE_EXCEPTIONS.some((e) => e.file === w.file && e.table === w.table),
  );
}

/** Server source that runs in production: tests and their fixtures arrange data directly and are left out. */
function productionSources(): { file: string; source: string }[] {
  return readdirSync(SERVER_SRC, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts') && !/\.(test|fixtures)\.ts$/.test(file) && !file.startsWith('test/'))
    .map((file) => ({ file, source: readFileSync(path.join(SERVER_SRC, file), 'utf8') }));
}

const SOURCES = productionSources();
const WRITES = SOURCES.flatMap(({ file, source }) => tableWrites(file, source));
const READS = SOURCES.flatMap(({ file, source }) => tableReads(file, source));

describe('table ownership', () => {
  it('gives every table exactly one owner, and declares it in the owner’s folder', () => {
    expect([...SQL_NAMES].sort()).toEqual(Object.keys(TABLE_OWNERS).sort());
    for (const { file, source } of SOURCES.filter((f) => f.file.endsWith('.schema.ts'))) {
      for (const [, table = ''] of source.matchAll(/pgTable\(\s*'([a-z_]+)'/g)) {
        expect({ table, module: moduleOf(file) }).toEqual({ table, module: TABLE_OWNERS[table as TableName] });
      }
    }
  });

  it('lets only the owning module write a table, apart from the documented exceptions', () => {
    expect(violations(WRITES)).toEqual([]);
  });

  it('keeps every documented exception in use, so the list does not outlive the code', () => {
    for (const exception of WRITE_EXCEPTIONS) {
      expect(
        WRITES.some((w) => w.file === exception.file && w.table === exception.table),
        exception.why,
      ).toBe(true);
    }
  });

  it("reads another module's tables only in a documented read model", () => {
    expect(undocumentedReads(READS)).toEqual([]);
  });

  it('keeps every read model in use, table by table', () => {
    for (const model of READ_MODELS) {
      for (const table of model.reads) {
        expect(
          READS.some((r) => r.file === model.file && r.table === table),
          `${model.file} reads ${table}`,
        ).toBe(true);
      }
    }
  });

  it('finds the reads it is meant to find (an undocumented join in a fixture fails the rule)', () => {
    const fixture = `
      import { items, users as accounts } from '../../db/schema/index.ts';
      export const list = (db) => db.select().from(items).innerJoin(accounts, eq(accounts.id, items.createdBy));
      export const raw = (db) => db.execute(sql\`select * from reviews r join item_slots s on true\`);
      // from sessions: a comment, not a read
    `;
    const found = tableReads('modules/drafts/drafts.repository.ts', fixture);
    expect(found.map((r) => r.table).sort()).toEqual(['item_slots', 'items', 'reviews', 'users']);
    expect(
      undocumentedReads(found)
        .map((r) => r.table)
        .sort(),
    ).toEqual(['item_slots', 'items', 'reviews', 'users']);
    // The same join is allowed where a read model lists it.
    const documented = tableReads('modules/review/review.repository.ts', 'db.select().from(items)');
    expect(undocumentedReads(documented)).toEqual([]);
  });

  it('finds the writes it is meant to find (a wrong write in a fixture fails the rule)', () => {
    const fixture = `
      import { projectMembers as members, items } from '../../db/schema/index.ts';
      // a comment that says: update items set nothing = 1
      export const pause = (db) => db.update(members).set({ pausedAt: null });
      export const bump = (db) => db.execute(sql\`update items set annotation_count = 0\`);
      export const bump2 = (db) => db.execute(sql\`UPDATE \${items} i SET annotation_count = 0\`);
      export const add = (db) => db.execute(sql\`insert into reviews (id) values (1)\`);
      export const drop = (db) => db.execute(sql\`delete from gold_answers where true\`);
      export const upsert = (db) => db.insert(items).values({}).onConflictDoUpdate({ target: items.id, set: {} });
      export const hash = (h, token) => h.update(token);
    `;
    const found = tableWrites('modules/gold/gold.fixture.ts', fixture);
    expect(found.map((w) => `${w.table} <- ${w.how}`).sort()).toEqual(
      [
        'project_members <- update(members)',
        'items <- update items set',
        `items <- UPDATE \${items} i SET`,
        'reviews <- insert into reviews (',
        'gold_answers <- delete from gold_answers where',
        'items <- insert(items)',
      ].sort(),
    );
    // gold owns gold_answers: that write is allowed; the five others are not.
    expect(violations(found).map((w) => w.table)).toEqual(['project_members', 'items', 'items', 'items', 'reviews']);
  });

  it('does not let an exception cover a file it does not name', () => {
    const found = tableWrites('modules/review/review.repository.ts', 'db.execute(sql`update leases set state = 1`)');
    expect(violations(found)).toEqual([
      { file: 'modules/review/review.repository.ts', table: 'leases', how: 'update leases set' },
    ]);
  });
});
