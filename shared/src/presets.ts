import type { TaskKind } from './constants.ts';
import { type Question, type QuestionInput, questionsSchema } from './template.ts';

/**
 * Ready-made templates after published protocols. The web template builder starts from these; the server and CLI
 * can create projects with them (`questions` is a complete, parsed template).
 */
export interface TemplatePreset {
  id: string;
  name: string;
  /** The project kind whose items fit the preset (ranking items carry 2..9 outputs). */
  kind: TaskKind;
  description: string;
  questions: Question[];
}

/** InstructGPT's prompt categories (Ouyang et al. 2022, Table 1). */
const INSTRUCTGPT_CATEGORIES = (
  [
    ['generation', 'Generation'],
    ['open-qa', 'Open QA'],
    ['brainstorming', 'Brainstorming'],
    ['chat', 'Chat'],
    ['rewrite', 'Rewrite'],
    ['summarization', 'Summarization'],
    ['classification', 'Classification'],
    ['closed-qa', 'Closed QA'],
    ['extract', 'Extract'],
    ['other', 'Other'],
  ] as const
).map(([id, label]) => ({ id, label }));

const preset = (p: Omit<TemplatePreset, 'questions'> & { questions: QuestionInput[] }): TemplatePreset => ({
  ...p,
  questions: questionsSchema.parse(p.questions),
});

export const TEMPLATE_PRESETS: readonly TemplatePreset[] = [
  preset({
    id: 'instructgpt-ranking',
    name: 'InstructGPT ranking',
    kind: 'ranking',
    description:
      'Rate each output 1-7 and tick the metadata labels that apply, then rank all outputs best to worst (Ouyang et al. 2022, section 3.4 and Appendix B).',
    questions: [
      {
        id: 'quality',
        type: 'rating',
        label: 'Overall quality',
        min: 1,
        max: 7,
        minLabel: 'Terrible',
        maxLabel: 'Excellent',
      },
      { id: 'metadata', type: 'flags', label: 'Does the output…' },
      { id: 'rank', type: 'ranking', label: 'Rank the outputs, best first', allowTies: true },
    ],
  }),
  preset({
    id: 'llama2-pairwise',
    name: 'Llama 2 pairwise',
    kind: 'ranking',
    description:
      'Choose the better of two responses and how much better it is, and label each response safe or unsafe (Touvron et al. 2023, section 3.2.1). Items need exactly 2 outputs.',
    questions: [
      {
        id: 'preference',
        type: 'pairwise',
        label: 'Which response is more helpful?',
        askStrength: true,
        allowTie: true,
        allowBothBad: true,
        askSafety: true,
      },
    ],
  }),
  preset({
    id: 'helpsteer-attributes',
    name: 'HelpSteer attributes',
    kind: 'ranking',
    description:
      'Rate every response on helpfulness, correctness, coherence, complexity and verbosity, 0-4 (HelpSteer2, Wang et al. 2024).',
    questions: [{ id: 'attributes', type: 'attributes', label: 'Rate each attribute (0-4)' }],
  }),
  preset({
    id: 'sft-demonstration',
    name: 'SFT demonstration',
    kind: 'demonstration',
    description: 'Label the kind of request, then write the ideal assistant reply (InstructGPT demonstrations).',
    questions: [
      {
        id: 'category',
        type: 'classification',
        label: 'Category of the prompt',
        multiple: false,
        options: INSTRUCTGPT_CATEGORIES,
      },
      { id: 'reply', type: 'demonstration', label: 'Write the ideal assistant reply', variant: 'write', minLength: 1 },
    ],
  }),
  preset({
    id: 'sft-rewrite',
    name: 'SFT rewrite',
    kind: 'demonstration',
    description:
      "Rewrite a model's output into the ideal reply, the original beside the edit with a diff; say what you changed. Items carry the output to rewrite.",
    questions: [
      {
        id: 'rewrite',
        type: 'demonstration',
        label: 'Rewrite the reply so it is ideal',
        variant: 'rewrite',
        minLength: 1,
      },
      { id: 'changes', type: 'rationale', label: 'What did you change, and why?', required: false, minLength: 10 },
    ],
  }),
];

export function findPreset(id: string): TemplatePreset | undefined {
  return TEMPLATE_PRESETS.find((p) => p.id === id);
}
