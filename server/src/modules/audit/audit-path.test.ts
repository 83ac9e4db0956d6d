import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';

const SERVER_SRC = path.resolve(import.meta.dirname, '../..');

/** Every `audit.record('<action>', ...)` call in a source file, with the action it records. */
export function auditCalls(file: string, source: string): { file: string; action: string }[] {
  return [...source.matchAll(/\baudit\.record\(\s*(?:'([^']*)'|([^,)]*))/g)].map(([, action, other]) => ({
    file,
    // A call whose action is not a literal is reported as such, so it cannot hide what it records.
    action: action ?? `<not a literal: ${other?.trim()}>`,
  }));
}

/** Server sources that run in production (tests and their helpers left out). */
const CALLS = readdirSync(SERVER_SRC, { recursive: true, encoding: 'utf8' })
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('test/'))
  .flatMap((file) => auditCalls(file, readFileSync(path.join(SERVER_SRC, file), 'utf8')));

describe('one audit path', () => {
  it('records audit events from services only: no route handler, hook or plugin writes the trail', () => {
    expect(CALLS.length).toBeGreaterThan(0);
    expect(CALLS.filter((c) => !/^modules\/[a-z-]+\/[a-z-]+\.service\.ts$/.test(c.file))).toEqual([]);
  });

  it('names each action as a literal from AUDIT_ACTIONS', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    expect(CALLS.filter((c) => !known.has(c.action))).toEqual([]);
  });

  it('records every action the API lists, so the log filter offers no action that never happens', () => {
    const recorded = new Set(CALLS.map((c) => c.action));
    expect(AUDIT_ACTIONS.filter((action) => !recorded.has(action))).toEqual([]);
  });

  it('reads calls the way the rules above expect (a route recording, a computed action)', () => {
    const fixture = `
      app.post('/x', async (request) => { await audit.record('project.delete', request.user, { projectId }); });
      await audit.record(actionFor(kind), user, {});
    `;
    expect(auditCalls('modules/projects/projects.routes.ts', fixture)).toEqual([
      { file: 'modules/projects/projects.routes.ts', action: 'project.delete' },
      { file: 'modules/projects/projects.routes.ts', action: '<not a literal: actionFor(kind>' },
    ]);
  });
});
