import type { AnswerProblem, Question, TaskOutput } from '@feedbench/shared';
import { translate, useMessages } from '../../../i18n/messages.ts';
import { localizedProblem } from '../../questions/answer-problems.ts';
import { taskMessages } from '../tasks.messages.ts';

type TaskKey = Parameters<typeof translate<(typeof taskMessages)['en']>>[1];

/** Per-output problems the checklist groups, and how it words them (catalog keys). */
const WANTING: Record<string, TaskKey> = {
  'rate every output': 'wantRate',
  'review every output': 'wantReview',
  'say whether every output is safe': 'wantSafe',
};

/**
 * What still blocks Submit, in the annotator's words: output ids are replaced by the display labels they see (ids
 * can name models, and the task is blind), and "rate every output" problems are grouped per question and scale.
 */
export function describeProblems(problems: AnswerProblem[], questions: Question[], outputs: TaskOutput[]): string[] {
  const labelOf = new Map(outputs.map((o) => [o.id, o.label]));
  const questionLabel = new Map(questions.map((q) => [q.id, q.label]));
  const grouped = new Map<string, string[]>();
  const lines: string[] = [];
  const relabel = (message: string) =>
    message
      .replace(
        /\(missing (.+)\)$/,
        (_, ids: string) =>
          `(missing ${ids
            .split(', ')
            .map((id) => labelOf.get(id) ?? id)
            .join(', ')})`,
      )
      .replace(/"([^"]+)"/g, (quoted, id: string) => (labelOf.has(id) ? `"${labelOf.get(id)}"` : quoted));
  for (const problem of problems) {
    const questionId = String(problem.path[0]);
    const label = problem.outputId === undefined ? undefined : labelOf.get(problem.outputId);
    const verb = Object.keys(WANTING).find((start) => problem.message.startsWith(start));
    if (label && verb) {
      // "Helpfulness: rate outputs A, B": one line per question and scale, whatever the number of outputs.
      const question = questionLabel.get(questionId) ?? questionId;
      const scale = problem.message.match(/for "([^"]+)"/)?.[1];
      const head = scale && scale !== question ? `${question} — ${scale}` : question;
      const key = `${head}\u0000${verb}`;
      grouped.set(key, [...(grouped.get(key) ?? []), label]);
      continue;
    }
    const message = localizedProblem(relabel(problem.message));
    lines.push(label ? translate(taskMessages, 'outputProblem', { label, message }) : message);
  }
  for (const [key, labels] of grouped) {
    const [head = '', verb = ''] = key.split('\u0000');
    const wanting = WANTING[verb];
    if (!wanting) continue;
    const outputsText =
      labels.length > 1
        ? translate(taskMessages, 'manyOutputs', { labels: labels.join(', ') })
        : translate(taskMessages, 'oneOutput', { label: labels[0] });
    lines.push(`${head}: ${translate(taskMessages, wanting, { outputs: outputsText })}`);
  }
  return lines;
}

export function AnswerChecklist({ lines }: { lines: string[] }) {
  const t = useMessages(taskMessages);
  return (
    <div id="submit-checklist" className="checklist" role="status" aria-live="polite" aria-label={t('beforeYouSubmit')}>
      {lines.length === 0 ? (
        <p className="ready">{t('readyToSubmit')}</p>
      ) : (
        <>
          <p className="muted">{t('beforeYouCanSubmit')}</p>
          <ul>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
