import {
  answersConversation,
  type ImportLine,
  type ImportProblem,
  kindNeedsOutputs,
  MAX_RANKED_OUTPUTS,
  MIN_RANKED_OUTPUTS,
  outputBound,
  type Question,
  type TaskKind,
  toConversation,
} from '@feedbench/shared';

/** How many outputs an item needs, and the question (or project kind) that asks for them. */
interface OutputBound {
  min: number;
  max: number;
  /** Who asks, for the message: `question "rank" (ranking)` or `a ranking project`. */
  by: string;
  /** The asking question's id, or none when the project kind asks. */
  question?: string;
}

/**
 * What each question needs of an item's outputs, as its module says (shared/src/questions/<type>.ts): a ranking or a
 * best-of-K 2..9 (K as in InstructGPT, widened to pairs), a Llama 2 pairwise comparison exactly 2, per-output scales
 * and flags at least one, a rewrite one to rewrite.
 */
function outputBounds(kind: TaskKind, questions: readonly Question[]): OutputBound[] {
  const bounds: OutputBound[] = [];
  for (const q of questions) {
    const bound = outputBound(q);
    const by = `question "${q.id}" (${q.type === 'demonstration' ? `${q.variant} demonstration` : q.type})`;
    if (bound) bounds.push({ ...bound, by, question: q.id });
  }
  // A ranking project's items carry outputs whatever its template asks (assignment and exports count on them).
  if (kindNeedsOutputs(kind) && bounds.length === 0) {
    bounds.push({ min: MIN_RANKED_OUTPUTS, max: MAX_RANKED_OUTPUTS, by: `a ${kind} project` });
  }
  return bounds;
}

function describeBound({ min, max }: OutputBound): string {
  const outputs = (n: number) => `${n} output${n === 1 ? '' : 's'}`;
  if (min === max) return `exactly ${outputs(min)}`;
  if (min === 1) return `at least ${outputs(min)}`;
  return `${min} to ${outputs(max)}`;
}

/** Whether any question answers the conversation: then it must end on the user's turn, which the reply follows. */
function conversationAnswer(questions: readonly Question[]): Question | undefined {
  return questions.find(answersConversation);
}

/**
 * The fewest outputs an item needs before annotators may see it (0: none needed). Items of a project whose outputs
 * come from models are imported with fewer and get their slots once a generation job brings them to this.
 */
export function minimumOutputs(kind: TaskKind, questions: readonly Question[]): number {
  return Math.max(0, ...outputBounds(kind, questions).map((bound) => bound.min));
}

/** The most outputs an item may hold under the template (Infinity: no bound). */
export function maximumOutputs(kind: TaskKind, questions: readonly Question[]): number {
  return Math.min(Number.POSITIVE_INFINITY, ...outputBounds(kind, questions).map((bound) => bound.max));
}

/**
 * Checks that an item (already valid as an import line) can be annotated under the project's template, so a file
 * that cannot be annotated is refused at import instead of surfacing later as a broken task. Each problem names the
 * field and the question that needs it; an empty list means the item fits. `fewerOutputsAllowed` (projects whose
 * outputs come from models): too few outputs is no problem, too many still is.
 */
export function templateFitProblems(
  kind: TaskKind,
  questions: readonly Question[],
  item: ImportLine,
  { fewerOutputsAllowed = false }: { fewerOutputsAllowed?: boolean } = {},
): Omit<ImportProblem, 'line'>[] {
  // A chat item is a conversation starter: an imported prefix ending on any turn, or empty (the annotator writes the
  // first user turn); its candidates come from the project's models, turn by turn.
  if (kind === 'chat') {
    return item.outputs && item.outputs.length > 0
      ? [
          {
            field: 'outputs',
            message: 'a chat project takes conversation starters only: candidates come from its models',
            code: 'chat_takes_starters',
          },
        ]
      : [];
  }
  if (toConversation(item.prompt).length === 0) {
    return [
      {
        field: 'prompt',
        message: `required: an empty conversation is a chat starter, not a ${kind} item`,
        code: 'empty_conversation',
        params: { kind },
      },
    ];
  }
  const problems: Omit<ImportProblem, 'line'>[] = [];
  const count = item.outputs?.length ?? 0;
  for (const bound of outputBounds(kind, questions)) {
    if ((count < bound.min && !fewerOutputsAllowed) || count > bound.max) {
      problems.push({
        field: 'outputs',
        message: `${bound.by} needs ${describeBound(bound)}, got ${count}`,
        code: 'output_count',
        params: {
          min: bound.min,
          max: bound.max,
          count,
          ...(bound.question ? { question: bound.question } : { kind }),
        },
      });
    }
  }
  const answering = conversationAnswer(questions);
  const conversation = toConversation(item.prompt);
  const last = conversation.at(-1);
  if (answering && last && last.role !== 'user') {
    const what =
      answering.type === 'demonstration' && answering.variant === 'continue'
        ? 'the annotator continues it with the assistant turn'
        : 'the assistant reply answers it';
    problems.push({
      field: `prompt.${conversation.length - 1}.role`,
      message: `the conversation must end with a user turn (${what}: question "${answering.id}"), not ${last.role}`,
      code: 'conversation_end',
      params: { question: answering.id, role: last.role },
    });
  }
  return problems;
}
