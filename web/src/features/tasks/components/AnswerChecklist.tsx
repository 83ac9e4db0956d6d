import type { AnswerProblem, Question, TaskOutput } from '@feedbench/shared';

/** Per-output problems the checklist groups, and how it words them. */
const WANTING: Record<string, (outputs: string) => string> = {
  'rate every output': (outputs) => `rate ${outputs}`,
  'review every output': (outputs) => `review ${outputs}`,
  'say whether every output is safe': (outputs) => `mark ${outputs} safe or unsafe`,
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
    const message = relabel(problem.message);
    lines.push(label ? `Output ${label}: ${message}` : message);
  }
  for (const [key, labels] of grouped) {
    const [head = '', verb = ''] = key.split('\u0000');
    lines.push(
      `${head}: ${WANTING[verb]?.(labels.length > 1 ? `outputs ${labels.join(', ')}` : `output ${labels[0]}`)}`,
    );
  }
  return lines;
}

export function AnswerChecklist({ lines }: { lines: string[] }) {
  return (
    <div id="submit-checklist" className="checklist" role="status" aria-live="polite" aria-label="Before you submit">
      {lines.length === 0 ? (
        <p className="ready">✓ Ready to submit</p>
      ) : (
        <>
          <p className="muted">Before you can submit:</p>
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
