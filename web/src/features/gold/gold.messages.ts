import { defineMessages } from '../../i18n/messages.ts';

export const goldMessages = defineMessages({
  namespace: 'gold',
  en: {
    moreGoldItems: 'More gold items',
    loadingMore: 'Loading…',
  },
  'zh-CN': {
    moreGoldItems: '更多金标准条目',
    loadingMore: '正在加载…',
  },
});
