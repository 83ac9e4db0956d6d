import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from '../constants.ts';
import type { AnswerProblem } from './base.ts';
import {
  type Choice,
  checkRange,
  checkScale,
  choiceSchema,
  duplicateIds,
  judgeAnswerObject,
  judgePerOutput,
  judgeScale,
  mapKeys,
  questionBase,
  unknownKeys,
  withinOneShare,
} from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

/** HelpSteer2's five attributes (Wang et al. 2024, section 2), each on a 0-4 Likert scale. */
export const HELPSTEER_ATTRIBUTES: Choice[] = [
  { id: 'helpfulness', label: 'Helpfulness', description: 'Overall helpfulness of the response to the prompt.' },
  { id: 'correctness', label: 'Correctness', description: 'Inclusion of all pertinent facts without errors.' },
  { id: 'coherence', label: 'Coherence', description: 'Consistency and clarity of expression.' },
  {
    id: 'complexity',
    label: 'Complexity',
    description: 'Intellectual depth required to write the response (basic language competency to deep expertise).',
  },
  {
    id: 'verbosity',
    label: 'Verbosity',
    description: 'Amount of detail included in the response, relative to what the prompt asks for.',
  },
];

export const attributesQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('attributes'),
  attributes: z.array(choiceSchema).min(1).max(12).default(HELPSTEER_ATTRIBUTES),
  min: z.number().int().min(0).max(10).default(0),
  max: z.number().int().min(1).max(10).default(4),
});

export const attributesAnswerSchema = z.object({
  type: z.literal('attributes'),
  values: z.record(z.string(), z.record(z.string(), z.number().int())),
});
type AttributesQuestion = z.infer<typeof attributesQuestionSchema>;
type AttributesAnswer = z.infer<typeof attributesAnswerSchema>;

/**
 * HelpSteer2-style attributes of each output. Agreement reads each attribute as a rating question
 * (server/src/modules/agreement/agreement.attributes.ts), so the module itself yields no records.
 */
export const attributesModule: QuestionModuleOf<AttributesQuestion, AttributesAnswer> = {
  type: 'attributes',
  questionSchema: attributesQuestionSchema,
  answerSchema: attributesAnswerSchema,
  scope: 'output',
  builderDefault: { label: 'Rate each attribute' },
  checkQuestion: (question) => [
    ...checkRange(question),
    ...duplicateIds(
      question.attributes.map((a) => a.id),
      ['attributes'],
      'attribute',
    ),
  ],
  outputBound: () => ({ min: 1, max: MAX_RANKED_OUTPUTS }),
  answersConversation: () => true,
  checkAnswer: (question, answer, outputIds) => {
    const problems: AnswerProblem[] = question.attributes.flatMap((attribute) =>
      checkScale(
        attribute.label,
        question.required,
        question,
        (id) => answer.values[id]?.[attribute.id],
        (id) => ['values', id, attribute.id],
        outputIds,
      ),
    );
    const known = new Set(question.attributes.map((a) => a.id));
    for (const [outputId, values] of Object.entries(answer.values)) {
      for (const key of Object.keys(values)) {
        if (!known.has(key)) {
          problems.push({ path: ['values', outputId, key], message: `unknown attribute "${key}"`, outputId });
        }
      }
    }
    return [...problems, ...unknownKeys(answer.values, outputIds)];
  },
  // Share of gold (output, attribute) cells within +-1 of the gold value.
  goldScore: (_question, gold, answer) => {
    const cells = (values: Record<string, Record<string, number>>) => {
      const flat: Record<string, number> = {};
      for (const [output, byAttribute] of Object.entries(values))
        for (const [attribute, value] of Object.entries(byAttribute)) flat[JSON.stringify([output, attribute])] = value;
      return flat;
    };
    return withinOneShare(cells(gold.values), cells(answer.values));
  },
  disagreement: null,
  judgeSchema: (question, outputIds) => {
    const attributes = question.attributes.map((a) => a.id);
    const perAttribute = judgePerOutput(attributes, judgeScale(question), question.required);
    return judgeAnswerObject('attributes', { values: judgePerOutput(outputIds, perAttribute, question.required) }, [
      'values',
    ]);
  },
  preference: null,
  agreement: null,
  mapOutputIds: (answer, translate) => ({ ...answer, values: mapKeys(answer.values, translate) }),
  labels: null,
};
