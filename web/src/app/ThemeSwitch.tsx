import { useEffect, useState } from 'react';
import { applyTheme, saveTheme, THEMES, type Theme, themeOf } from '../lib/theme.ts';

const LABELS: Record<Theme, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

/** Light, dark or the system's setting; remembered per account in this browser. */
export function ThemeSwitch({ userId }: { userId: string }) {
  const [theme, setTheme] = useState<Theme>(() => themeOf(userId));
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <select
      className="theme-switch"
      aria-label="Colour theme"
      value={theme}
      onChange={(e) => {
        const next = e.target.value as Theme;
        setTheme(next);
        saveTheme(userId, next);
      }}
    >
      {THEMES.map((t) => (
        <option key={t} value={t}>
          {LABELS[t]}
        </option>
      ))}
    </select>
  );
}
