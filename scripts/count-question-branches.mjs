#!/usr/bin/env node
// Counts the branches on a question type outside the question modules (shared/src/questions/ and
// web/src/features/questions/), in shared/, server/ and web/ sources (tests left out: they name types on purpose).
// A branch is `case '<type>':` or a comparison of something named `type` with a type name (`q.type === 'rating'`,
// `'rating' !== answer.type`), for every name in QUESTION_TYPES (read from shared/src/template.ts).
// Usage: node scripts/count-question-branches.mjs [--list] [<git revision>]   (a revision counts that commit's tree)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const list = args.includes('--list');
const revision = args.find((a) => !a.startsWith('--'));
const root = new URL('..', import.meta.url).pathname;
const git = (...a) => execFileSync('git', ['-C', root, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });

const read = (path) => (revision ? git('show', `${revision}:${path}`) : readFileSync(join(root, path), 'utf8'));
const files = revision
  ? git('ls-tree', '-r', '--name-only', revision).split('\n')
  : ['shared', 'server', 'web'].flatMap(function walk(dir) {
      return readdirSync(join(root, dir)).flatMap((name) => {
        const path = `${dir}/${name}`;
        if (name === 'node_modules' || name === 'dist') return [];
        return statSync(join(root, path)).isDirectory() ? walk(path) : [path];
      });
    });

const template = read('shared/src/template.ts');
const block = /export const QUESTION_TYPES = \[([^\]]*)\]/.exec(template)?.[1] ?? '';
const types = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]);
const names = types.map((t) => t.replace(/[-]/g, '\\-')).join('|');
const branch = new RegExp(
  `case '(${names})':|\\btype\\s*[!=]==?\\s*'(${names})'|'(${names})'\\s*[!=]==?\\s*[\\w?.]*\\btype\\b`,
  'g',
);

const counted = files.filter(
  (f) =>
    /^(shared|server|web)\/src\/.*\.tsx?$/.test(f) &&
    !/\.test\.tsx?$|\.fixtures\.ts$/.test(f) &&
    !f.startsWith('shared/src/questions/') &&
    !f.startsWith('web/src/features/questions/'),
);
let total = 0;
const perFile = [];
for (const file of counted) {
  const n = [...read(file).matchAll(branch)].length;
  if (n > 0) perFile.push([n, file]);
  total += n;
}
if (list) for (const [n, file] of perFile.sort((a, b) => b[0] - a[0])) console.log(`${String(n).padStart(4)}  ${file}`);
console.log(
  `${total} question-type branches outside the question modules (${types.length} types, ${revision ?? 'working tree'})`,
);
