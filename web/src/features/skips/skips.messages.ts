import { defineMessages } from '../../i18n/messages.ts';

export const skipsMessages = defineMessages({
  namespace: 'skips',
  en: {
    moreSkips: 'Older skips',
    moreItems: 'More skipped items',
    loadingMore: 'Loading…',
  },
  'zh-CN': {
    moreSkips: '更早的跳过记录',
    moreItems: '更多被跳过的条目',
    loadingMore: '正在加载…',
  },
});
