import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/i18n.ts';
import { useMessages } from '../i18n/messages.ts';
import { appMessages } from './app.messages.ts';

/** The UI language; each option names itself in its own language so anyone can find theirs. */
export function LanguageSwitch({ onChange }: { onChange?: (language: (typeof LANGUAGES)[number]) => void }) {
  const t = useMessages(appMessages);
  const { i18n } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('languageLabel')}
      value={i18n.language}
      onChange={(e) => {
        const next = e.target.value;
        if (!isLanguage(next)) return;
        void changeLanguage(next);
        onChange?.(next);
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {LANGUAGE_NAMES[language]}
        </option>
      ))}
    </select>
  );
}
