import { defineMessages } from '../i18n/messages.ts';

export const appMessages = defineMessages({
  namespace: 'app',
  en: {
    themeLabel: 'Colour theme',
    themeSystem: 'System theme',
    themeLight: 'Light',
    themeDark: 'Dark',
    languageLabel: 'Language',
  },
  'zh-CN': {
    themeLabel: '配色主题',
    themeSystem: '跟随系统',
    themeLight: '浅色',
    themeDark: '深色',
    languageLabel: '语言',
  },
});
