import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * The languages the UI is written in. Catalogs must cover every key in each (`catalogs.test.ts` checks it), so a
 * missing translation is a failing test, not an English word in a Chinese screen.
 */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

const STORAGE_KEY = 'feedbench.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen last in this browser, else the browser's own if we have it, else English. */
export function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be refused (privacy modes); the browser's language still applies.
  }
  const preferred = globalThis.navigator?.languages ?? [];
  for (const tag of preferred) {
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

const startLanguage = initialLanguage();
// Screen readers and fonts read the page's language from <html lang>: it follows the UI language from the first paint.
if (typeof document !== 'undefined') document.documentElement.lang = startLanguage;

// Synchronous init with in-memory resources: catalogs register themselves when their module loads (`defineMessages`),
// so the first render already has every string and no screen flashes keys.
void i18next.use(initReactI18next).init({
  lng: startLanguage,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  resources: {},
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes; double escaping would show &amp; to users.
  returnNull: false,
});

/** Switches the UI language now and remembers it in this browser (the account keeps its own copy server-side). */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered in this browser; the switch still applies.
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export { i18next };
