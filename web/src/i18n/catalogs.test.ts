import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './i18n.ts';
import type { Catalog } from './messages.ts';

// Every catalog in the app: files named `*.messages.ts` anywhere under web/src.
const modules = import.meta.glob<Record<string, unknown>>('../**/*.messages.ts', { eager: true });

const catalogs = Object.entries(modules).flatMap(([file, exports]) =>
  Object.values(exports)
    .filter(
      (value): value is Catalog<Record<string, string>> => !!value && typeof value === 'object' && 'namespace' in value,
    )
    .map((catalog) => ({ file, catalog })),
);

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('are found', () => {
    expect(catalogs.length).toBeGreaterThan(0);
  });

  it('use each namespace once', () => {
    const names = catalogs.map(({ catalog }) => catalog.namespace);
    expect(names.length).toBe(new Set(names).size);
  });

  for (const { file, catalog } of catalogs) {
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${file}: ${language} translates every English string with the same placeholders`, () => {
        const source = catalog.en;
        const target = (catalog as unknown as Record<string, Record<string, string>>)[language] ?? {};
        for (const [key, english] of Object.entries(source)) {
          const translated = target[key];
          expect(translated, `${catalog.namespace}.${key}`).toBeTypeOf('string');
          expect(translated?.trim(), `${catalog.namespace}.${key}`).not.toBe('');
          expect(placeholders(translated ?? ''), `${catalog.namespace}.${key} placeholders`).toEqual(
            placeholders(english),
          );
        }
        expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());
      });
    }
  }
});
