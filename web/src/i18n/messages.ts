import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next, type Language } from './i18n.ts';

/** One feature's strings: English is the source; every other language must carry the same keys. */
export type Catalog<E extends Record<string, string>> = {
  namespace: string;
  en: E;
} & { [L in Exclude<Language, 'en'>]: { [K in keyof E]: string } };

const registered = new Map<string, Catalog<Record<string, string>>>();

/**
 * Declares a feature's message catalog and registers it with i18next. Keys are checked at compile time: a
 * translation missing a key, or a `t()` call naming a key the catalog lacks, does not compile.
 * Placeholders use i18next's `{{name}}`; plurals use `_one` / `_other` suffixed keys with a `count` value.
 */
export function defineMessages<const E extends Record<string, string>>(catalog: Catalog<E>): Catalog<E> {
  if (registered.has(catalog.namespace) && registered.get(catalog.namespace) !== catalog) {
    throw new Error(`two message catalogs use the namespace "${catalog.namespace}"`);
  }
  registered.set(catalog.namespace, catalog as unknown as Catalog<Record<string, string>>);
  for (const [language, strings] of Object.entries(catalog)) {
    if (language === 'namespace') continue;
    i18next.addResourceBundle(language, catalog.namespace, strings, true, true);
  }
  return catalog;
}

/** Every catalog loaded so far (tests compare languages key by key). */
export function registeredCatalogs(): ReadonlyMap<string, Catalog<Record<string, string>>> {
  return registered;
}

type Lookup = (key: string, options: Record<string, unknown>) => string;

type BaseKey<K> = K extends `${infer B}_${'one' | 'other' | 'zero' | 'two' | 'few' | 'many'}` ? B : K;

export type Translate<E> = (
  key: BaseKey<keyof E & string> | (keyof E & string),
  values?: Record<string, unknown>,
) => string;

/** `t` for one catalog, typed by its keys; re-renders when the language changes. */
export function useMessages<E extends Record<string, string>>(catalog: Catalog<E>): Translate<E> {
  const { t } = useTranslation(catalog.namespace);
  // Keys are typed by the catalog above; i18next's own key typing needs a global resource declaration we do not keep.
  const lookup = t as unknown as Lookup;
  return useCallback((key, values) => lookup(key, values ?? {}), [lookup]);
}

/** Outside React (toasts built in callbacks, document titles): the same lookup against the current language. */
export function translate<E extends Record<string, string>>(
  catalog: Catalog<E>,
  key: BaseKey<keyof E & string> | (keyof E & string),
  values?: Record<string, unknown>,
): string {
  return (i18next.t as unknown as Lookup)(key, { ns: catalog.namespace, ...(values ?? {}) });
}
