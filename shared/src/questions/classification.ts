import { z } from 'zod';
import {
  type AnswerProblem,
  choiceSchema,
  duplicateIds,
  judgeAnswerObject,
  judgeEnum,
  minorityShare,
  questionBase,
  sameSet,
} from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

/** Labels for the prompt itself (task category, language, unsafe request...): one, or any number with `multiple`. */
export const classificationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('classification'),
  multiple: z.boolean().default(false),
  options: z.array(choiceSchema).min(2).max(30),
});

export const classificationAnswerSchema = z.object({
  type: z.literal('classification'),
  selected: z.array(z.string()).max(30),
});
type ClassificationQuestion = z.infer<typeof classificationQuestionSchema>;
type ClassificationAnswer = z.infer<typeof classificationAnswerSchema>;

/** Labels of the prompt: needs no outputs and replies to nothing (label distributions: agreement.labels.ts). */
export const classificationModule: QuestionModuleOf<ClassificationQuestion, ClassificationAnswer> = {
  type: 'classification',
  questionSchema: classificationQuestionSchema,
  answerSchema: classificationAnswerSchema,
  scope: 'item',
  builderDefault: {
    label: 'Category of the prompt',
    fields: {
      options: [
        { id: 'option-1', label: 'Option 1' },
        { id: 'option-2', label: 'Option 2' },
      ],
    },
  },
  checkQuestion: (question) =>
    duplicateIds(
      question.options.map((o) => o.id),
      ['options'],
      'option',
    ),
  outputBound: () => null,
  answersConversation: () => false,
  checkAnswer: (question, answer) => {
    const problems: AnswerProblem[] = [];
    const known = new Set(question.options.map((o) => o.id));
    for (const id of answer.selected) {
      if (!known.has(id)) problems.push({ path: ['selected'], message: `unknown option "${id}"` });
    }
    if (new Set(answer.selected).size !== answer.selected.length) {
      problems.push({ path: ['selected'], message: 'an option is selected twice' });
    }
    if (answer.selected.length === 0 && question.required) {
      problems.push({ path: ['selected'], message: `"${question.label}" is required` });
    }
    if (!question.multiple && answer.selected.length > 1) {
      problems.push({ path: ['selected'], message: `"${question.label}" takes one option` });
    }
    return problems;
  },
  // 1 when the selected label set equals the gold set exactly, else 0.
  goldScore: (_question, gold, answer) => (sameSet(answer.selected, gold.selected) ? 1 : 0),
  // The share of answers whose label set differs from the most common set.
  disagreement: (_question, answers) =>
    minorityShare(answers.map((a) => JSON.stringify([...new Set(a.selected)].sort()))),
  judgeSchema: (question) =>
    judgeAnswerObject(
      'classification',
      {
        selected: {
          type: 'array',
          uniqueItems: true,
          minItems: question.required ? 1 : 0,
          maxItems: question.multiple ? question.options.length : 1,
          items: judgeEnum(question.options.map((o) => o.id)),
        },
      },
      ['selected'],
    ),
  preference: null,
  agreement: null,
  // Refers to no output.
  mapOutputIds: (answer) => answer,
  // An option counts once per annotation that chose it, out of the annotations.
  labels: { choices: (question) => question.options, judged: (answer) => [answer.selected] },
};
