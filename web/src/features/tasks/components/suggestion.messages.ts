import { defineMessages } from '../../../i18n/messages.ts';

/** The judge's suggestion on an annotator's task (server/src/modules/judges). */
export const suggestionMessages = defineMessages({
  namespace: 'taskSuggestion',
  en: {
    title: 'Suggested by the model judge “{{name}}”',
    prefilled:
      'Its answer is filled in below as a starting point. It may be wrong: check every answer against the guidelines and change anything you disagree with.',
    kept: 'Your saved work is shown; the judge’s suggestion was not applied.',
  },
  'zh-CN': {
    title: '由模型评审“{{name}}”建议',
    prefilled: '下方已预填它的回答，仅供参考，可能有误：请对照标注指南逐项检查，不同意之处请直接修改。',
    kept: '显示的是你已保存的内容，未套用评审的建议。',
  },
});
