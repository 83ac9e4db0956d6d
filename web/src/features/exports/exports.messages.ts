import { defineMessages } from '../../i18n/messages.ts';

export const exportsMessages = defineMessages({
  namespace: 'exports',
  en: {
    olderExports: 'Older exports',
    loadingMore: 'Loading…',
  },
  'zh-CN': {
    olderExports: '更早的导出',
    loadingMore: '正在加载…',
  },
});
