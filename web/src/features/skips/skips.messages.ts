import { defineMessages } from '../../i18n/messages.ts';

export const skipMessages = defineMessages({
  namespace: 'skips',
  en: {
    nobodySkipped: 'Nobody skipped an item yet.',
    skips: 'Skips',
    item: 'Item',
    reason: 'Reason',
    comment: 'Comment',
    annotator: 'Annotator',
    when: 'When',
    noneShort: 'No skipped item is short of its target.',
    shortCaption: 'Skipped items short of their target',
    annotations: 'Annotations',
    reasons: 'Reasons',
    annotationsOf: '{{done}} of {{target}}',
  },
  'zh-CN': {
    nobodySkipped: '还没有人跳过条目。',
    skips: '跳过记录',
    item: '条目',
    reason: '原因',
    comment: '备注',
    annotator: '标注员',
    when: '时间',
    noneShort: '没有未达目标的被跳过条目。',
    shortCaption: '未达目标的被跳过条目',
    annotations: '标注数',
    reasons: '原因',
    annotationsOf: '{{done}} / {{target}}',
  },
});
