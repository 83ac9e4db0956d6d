import { defineMessages } from '../../../i18n/messages.ts';

/** A model judge's row in the annotator quality table (server/src/modules/judges). */
export const judgeRowMessages = defineMessages({
  namespace: 'agreementJudgeRow',
  en: {
    badge: 'Model judge',
    description: 'A model judge scored against the human annotators; it is not counted in their agreement.',
  },
  'zh-CN': {
    badge: '模型评审',
    description: '与人工标注员对比打分的模型评审；不计入标注员之间的一致性。',
  },
});
