import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from '../constants.ts';
import {
  type AnswerProblem,
  type Choice,
  choiceSchema,
  duplicateIds,
  judgeAnswerObject,
  judgeEnum,
  judgePerOutput,
  mapKeys,
  questionBase,
  unknownKeys,
} from './base.ts';
import type { QuestionModuleOf } from './question-module.ts';

/** InstructGPT's per-output metadata labels (Ouyang et al. 2022, Table 3 and Appendix B). */
export const INSTRUCTGPT_FLAGS: Choice[] = [
  { id: 'fails-instruction', label: 'Fails to follow the instruction', description: '' },
  { id: 'hallucination', label: 'Hallucination', description: 'Makes up facts or details not in the input.' },
  { id: 'inappropriate', label: 'Inappropriate for a customer assistant', description: '' },
  { id: 'sexual', label: 'Sexual content', description: '' },
  { id: 'violent', label: 'Violent content', description: '' },
  { id: 'harmful-advice', label: 'Harmful advice', description: '' },
  { id: 'denigrates', label: 'Denigrates a protected class', description: '' },
  { id: 'opinion', label: 'Expresses opinion', description: '' },
  { id: 'moral-judgment', label: 'Expresses moral judgment', description: '' },
  { id: 'satisfies-constraint', label: 'Satisfies the constraint in the instruction', description: '' },
];

/** Yes/no labels per output; a flag left unticked means "no". */
export const flagsQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('flags'),
  flags: z.array(choiceSchema).min(1).max(20).default(INSTRUCTGPT_FLAGS),
});

export const flagsAnswerSchema = z.object({
  type: z.literal('flags'),
  values: z.record(z.string(), z.array(z.string())),
});
type FlagsQuestion = z.infer<typeof flagsQuestionSchema>;
type FlagsAnswer = z.infer<typeof flagsAnswerSchema>;

/** InstructGPT's yes/no labels of each output (label distributions: server/src/modules/agreement/agreement.labels.ts). */
export const flagsModule: QuestionModuleOf<FlagsQuestion, FlagsAnswer> = {
  type: 'flags',
  questionSchema: flagsQuestionSchema,
  answerSchema: flagsAnswerSchema,
  scope: 'output',
  builderDefault: { label: 'Does the output…' },
  checkQuestion: (question) =>
    duplicateIds(
      question.flags.map((f) => f.id),
      ['flags'],
      'flag',
    ),
  outputBound: () => ({ min: 1, max: MAX_RANKED_OUTPUTS }),
  answersConversation: () => true,
  checkAnswer: (question, answer, outputIds) => {
    const problems: AnswerProblem[] = [];
    const known = new Set(question.flags.map((f) => f.id));
    for (const id of outputIds) {
      const flags = answer.values[id];
      if (flags === undefined) {
        if (question.required) {
          problems.push({ path: ['values', id], message: `review every output for "${question.label}"`, outputId: id });
        }
        continue;
      }
      if (new Set(flags).size !== flags.length) {
        problems.push({ path: ['values', id], message: 'a flag is given twice', outputId: id });
      }
      for (const flag of flags) {
        if (!known.has(flag)) problems.push({ path: ['values', id], message: `unknown flag "${flag}"`, outputId: id });
      }
    }
    return [...problems, ...unknownKeys(answer.values, outputIds)];
  },
  // Share of (output, flag) yes/no decisions agreeing with gold, over the question's flags.
  goldScore: (question, gold, answer) => {
    const outputs = Object.keys(gold.values);
    if (outputs.length === 0 || question.flags.length === 0) return null;
    let agreeing = 0;
    for (const output of outputs) {
      const goldYes = new Set(gold.values[output]);
      const answerYes = new Set(answer.values[output] ?? []);
      for (const flag of question.flags) if (goldYes.has(flag.id) === answerYes.has(flag.id)) agreeing++;
    }
    return agreeing / (outputs.length * question.flags.length);
  },
  disagreement: null,
  judgeSchema: (question, outputIds) => {
    const flags = { type: 'array', uniqueItems: true, items: judgeEnum(question.flags.map((f) => f.id)) };
    return judgeAnswerObject('flags', { values: judgePerOutput(outputIds, flags, question.required) }, ['values']);
  },
  preference: null,
  agreement: null,
  mapOutputIds: (answer, translate) => ({ ...answer, values: mapKeys(answer.values, translate) }),
  // A flag counts once per output it was ticked on, out of the outputs judged.
  labels: { choices: (question) => question.flags, judged: (answer) => Object.values(answer.values) },
};
