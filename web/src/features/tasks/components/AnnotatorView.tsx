import type { Question, Task } from '@feedbench/shared';
import type { ReactNode } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { QuestionInput } from '../../questions/QuestionParts.tsx';
import type { Placement } from '../../questions/question-kind.ts';
import { kindOf } from '../../questions/registry.ts';
import type { TaskAnswers } from '../hooks/useTaskAnswers.ts';
import { taskMessages } from '../tasks.messages.ts';
import { ConversationView } from './ConversationView.tsx';
import { OutputCard } from './OutputCard.tsx';

export type OutputLayout = 'side-by-side' | 'stacked';

interface AnnotatorViewProps {
  task: Pick<Task, 'questions' | 'outputs' | 'conversation' | 'item'>;
  answers: TaskAnswers;
  layout: OutputLayout;
  /** Page-wide expand/collapse of long outputs (the `E` key). */
  expandAll?: boolean;
  /** Shown above the prompt (guidelines, progress). */
  header?: ReactNode;
  /** Checklist, Submit, Skip: last in the reading and tab order. */
  submitPanel: ReactNode;
}

/**
 * Exactly what an annotator sees for one task, without any server state: the live task page and the template
 * builder's preview both render this. Each question goes where its kind places it (questions/registry.ts): prompt
 * labels under the prompt, demonstrations after it, per-output questions on each output card, and whole-item
 * judgements (ranking, pairwise, best of K) and rationales in the side column next to Submit.
 */
export function AnnotatorView({ task, answers, layout, expandAll, header, submitPanel }: AnnotatorViewProps) {
  const t = useMessages(taskMessages);
  const { state, update } = answers;
  const { questions, outputs, conversation } = task;
  const placed = (placement: Placement) => questions.filter((q) => kindOf(q.type).placement === placement);
  const inputs = (list: Question[], output?: Task['outputs'][number]) =>
    list.map((question) => (
      <QuestionInput
        key={question.id}
        question={question}
        state={state}
        update={update}
        outputs={outputs}
        conversation={conversation}
        output={output}
      />
    ));
  const perOutput = placed('output');
  const showOutputs = outputs.length > 0 && questions.some((q) => kindOf(q.type).judgesOutputs(q));
  // The first question that ranks outputs also shows each card's rank and takes digit keys on the card.
  const cardRank = questions.find((q) => kindOf(q.type).outputCard !== null);

  const prompt = (
    <section className="card stack" aria-labelledby="prompt-title">
      <div className="section-head">
        <h2 id="prompt-title">{t('prompt')}</h2>
        <span className="muted">{t('itemId', { id: task.item.externalId })}</span>
      </div>
      <ConversationView conversation={task.conversation} />
    </section>
  );

  if (!showOutputs) {
    return (
      <div className="task stack">
        {header}
        {prompt}
        {inputs(placed('prompt'))}
        {inputs(placed('reply'))}
        {inputs(placed('judgement'))}
        {inputs(placed('closing'))}
        {submitPanel}
      </div>
    );
  }

  // Outputs to compare: read them on the left, while the judgements and Submit stay in view on the right.
  return (
    <div className="task task-with-sidebar">
      <div className="task-main stack">
        {header}
        {prompt}
        {inputs(placed('prompt'))}
        {inputs(placed('reply'))}
        <section className={`outputs ${layout}`} aria-label={t('modelOutputs')}>
          {outputs.map((output) => (
            <OutputCard
              key={output.id}
              output={output}
              expandAll={expandAll}
              ranking={
                cardRank &&
                kindOf(cardRank.type).outputCard?.({ question: cardRank, state, update, outputs, conversation }, output)
              }
            >
              {perOutput.length > 0 ? inputs(perOutput, output) : null}
            </OutputCard>
          ))}
        </section>
      </div>
      <aside className="task-side stack" aria-label={t('yourAnswer')}>
        {inputs(placed('judgement'))}
        {inputs(placed('closing'))}
        {submitPanel}
      </aside>
    </div>
  );
}
