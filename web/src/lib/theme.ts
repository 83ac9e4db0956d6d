/** Colour themes: `system` follows the operating system's setting (prefers-color-scheme), the others force one. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const LAST_KEY = 'feedbench.theme';
const userKey = (userId: string) => `feedbench.theme.${userId}`;

const isTheme = (value: string | null): value is Theme => THEMES.includes(value as Theme);

function read(key: string): Theme {
  try {
    const value = localStorage.getItem(key);
    return isTheme(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Sets the theme on <html> (styles.css keys on data-theme; none means "follow the system"). */
export function applyTheme(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Before anyone signs in (the login page): the theme last chosen in this browser. */
export const lastTheme = () => read(LAST_KEY);

/** Each account's own choice in this browser (several people may share one). */
export const themeOf = (userId: string) => read(userKey(userId));

export function saveTheme(userId: string, theme: Theme) {
  try {
    localStorage.setItem(userKey(userId), theme);
    localStorage.setItem(LAST_KEY, theme);
  } catch {
    // Storage can be off (private windows): the choice then lasts for this page only.
  }
  applyTheme(theme);
}
