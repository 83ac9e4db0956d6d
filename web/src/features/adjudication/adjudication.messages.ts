import { defineMessages } from '../../i18n/messages.ts';

export const adjudicationMessages = defineMessages({
  namespace: 'adjudication',
  en: {
    moreEntries: 'More items',
    loadingMore: 'Loading…',
  },
  'zh-CN': {
    moreEntries: '更多条目',
    loadingMore: '正在加载…',
  },
});
