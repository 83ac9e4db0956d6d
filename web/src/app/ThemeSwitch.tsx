import { useEffect, useState } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { applyTheme, saveTheme, THEMES, type Theme, themeOf } from '../lib/theme.ts';
import { appMessages } from './app.messages.ts';

const LABEL_KEYS = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' } as const satisfies Record<
  Theme,
  keyof typeof appMessages.en
>;

/** Light, dark or the system's setting; remembered per account in this browser. */
export function ThemeSwitch({ userId }: { userId: string }) {
  const t = useMessages(appMessages);
  const [theme, setTheme] = useState<Theme>(() => themeOf(userId));
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <select
      className="theme-switch"
      aria-label={t('themeLabel')}
      value={theme}
      onChange={(e) => {
        const next = e.target.value as Theme;
        setTheme(next);
        saveTheme(userId, next);
      }}
    >
      {THEMES.map((theme) => (
        <option key={theme} value={theme}>
          {t(LABEL_KEYS[theme])}
        </option>
      ))}
    </select>
  );
}
