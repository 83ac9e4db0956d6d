import { defineMessages } from '../../i18n/messages.ts';

export const itemsMessages = defineMessages({
  namespace: 'items',
  en: {
    olderImports: 'Older imports',
    loadingMore: 'Loading…',
  },
  'zh-CN': {
    olderImports: '更早的导入',
    loadingMore: '正在加载…',
  },
});
