import type { Question, Task, TaskKind, TaskOutput } from '@feedbench/shared';
import { useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { kindOf } from '../../questions/registry.ts';
import { useTaskAnswers } from '../hooks/useTaskAnswers.ts';
import { taskMessages } from '../tasks.messages.ts';
import { AnnotatorView } from './AnnotatorView.tsx';
import { AnswerChecklist, describeProblems } from './AnswerChecklist.tsx';
import { GuidelinesPanel } from './GuidelinesPanel.tsx';

type Translate = ReturnType<typeof useMessages<(typeof taskMessages)['en']>>;

/** The sample outputs, in the UI language (a researcher reads the preview in their own). */
const sampleOutputs = (t: Translate): TaskOutput[] => [
  { id: 'sample-a', label: 'A', content: t('sampleOutputA') },
  { id: 'sample-b', label: 'B', content: t('sampleOutputB') },
  { id: 'sample-c', label: 'C', content: t('sampleOutputC') },
];

/** A sample item with as many outputs as the template needs: two for pairwise, one to rewrite, three to rank. */
export function sampleTask(
  questions: Question[],
  kind: TaskKind,
  t: Translate,
): Pick<Task, 'questions' | 'outputs' | 'conversation' | 'item' | 'draft'> {
  const outputs = sampleOutputs(t);
  const needs = questions.map((q) => kindOf(q.type).sampleOutputs(q));
  const exactly = needs.flatMap((n) => (n && 'exactly' in n ? [n.exactly] : []));
  const atLeast = Math.max(
    kind === 'ranking' ? outputs.length : 0,
    ...needs.map((n) => (n && 'atLeast' in n ? n.atLeast : 0)),
  );
  const count = exactly.length > 0 ? Math.min(...exactly) : atLeast;
  return {
    questions,
    outputs: outputs.slice(0, count),
    conversation: [{ role: 'user', content: t('samplePrompt') }],
    item: { id: '00000000-0000-4000-8000-000000000000', externalId: t('sampleItemId') },
    draft: null,
  };
}

function Preview({ task, guidelines }: { task: ReturnType<typeof sampleTask>; guidelines: string }) {
  const t = useMessages(taskMessages);
  const answers = useTaskAnswers(task);
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const lines = describeProblems(answers.problems, task.questions, task.outputs);
  return (
    <AnnotatorView
      task={task}
      answers={answers}
      layout="side-by-side"
      header={
        <GuidelinesPanel guidelines={guidelines} open={guidelinesOpen} onToggle={() => setGuidelinesOpen((o) => !o)} />
      }
      submitPanel={
        <section className="card submit-panel stack" aria-label={t('submitPreview')}>
          <AnswerChecklist lines={lines} />
          <button type="button" className="primary large" aria-disabled="true">
            {t('submitPreview')}
          </button>
        </section>
      }
    />
  );
}

/**
 * The annotator view for a template that is being edited, on a sample item, with its own throwaway answers: the
 * researcher can try every control. Remounted when the questions' shape changes, so stale answers never linger.
 */
export function TaskPreview({
  questions,
  kind,
  guidelines,
}: {
  questions: Question[];
  kind: TaskKind;
  guidelines: string;
}) {
  const t = useMessages(taskMessages);
  const task = sampleTask(questions, kind, t);
  const shape = questions.map((q) => `${q.id}:${q.type}:${'variant' in q ? q.variant : ''}`).join('|');
  return (
    <div className="task-preview">
      <Preview key={`${shape}/${task.outputs.length}`} task={task} guidelines={guidelines} />
    </div>
  );
}
