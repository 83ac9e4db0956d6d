import { defineMessages } from '../../i18n/messages.ts';

/** The item order setting: each ordering policy's name and its one-line explanation. */
export const orderingMessages = defineMessages({
  namespace: 'ordering',
  en: {
    label: 'Item order',
    'closest-to-completion': 'Closest to completion first',
    'closest-to-completion-hint': 'Finishes items that already have answers before starting new ones.',
    random: 'Random',
    'random-hint': 'Serves open items in a random order.',
    'import-order': 'Import order',
    'import-order-hint': 'Serves items in the order of the import file.',
    'human-disagreement': 'Where annotators disagree',
    'human-disagreement-hint': 'Items whose existing human answers disagree most come first.',
    'score-margin': 'Where the reward model is unsure',
    'score-margin-hint': 'Items whose outputs have the closest reward-model scores come first.',
    'judge-disagreement': 'Where judges disagree',
    'judge-disagreement-hint': 'Items where model judges disagree with each other or with the reward model come first.',
  },
  'zh-CN': {
    label: '条目顺序',
    'closest-to-completion': '优先接近完成的条目',
    'closest-to-completion-hint': '先完成已有回答的条目，再开始新条目。',
    random: '随机',
    'random-hint': '按随机顺序分配未完成的条目。',
    'import-order': '导入顺序',
    'import-order-hint': '按导入文件中的顺序分配条目。',
    'human-disagreement': '标注者意见分歧处',
    'human-disagreement-hint': '已有人工回答分歧最大的条目优先。',
    'score-margin': '奖励模型不确定处',
    'score-margin-hint': '各输出的奖励模型分数最接近的条目优先。',
    'judge-disagreement': '评审模型分歧处',
    'judge-disagreement-hint': '评审模型彼此之间或与奖励模型意见不一致的条目优先。',
  },
});
