import type { AnswerProblem, Question, TaskOutput } from '@feedbench/shared';

/**
 * What still blocks Submit, in the annotator's words: output ids are replaced by the display labels they see
 * (ids can name models, and the task is blind).
 */
export function describeProblems(problems: AnswerProblem[], questions: Question[], outputs: TaskOutput[]): string[] {
  const labelOf = new Map(outputs.map((o) => [o.id, o.label]));
  const questionLabel = new Map(questions.map((q) => [q.id, q.label]));
  const unrated = new Map<string, string[]>();
  const lines: string[] = [];
  for (const problem of problems) {
    const [questionId, field, outputId] = problem.path.map(String);
    const label = outputId === undefined ? undefined : labelOf.get(outputId);
    if (field === 'values' && label && /rate every output/.test(problem.message) && questionId) {
      unrated.set(questionId, [...(unrated.get(questionId) ?? []), label]);
      continue;
    }
    const message = problem.message
      .replace(
        /\(missing (.+)\)$/,
        (_, ids: string) =>
          `(missing ${ids
            .split(', ')
            .map((id) => labelOf.get(id) ?? id)
            .join(', ')})`,
      )
      .replace(/"([^"]+)"/g, (quoted, id: string) => (labelOf.has(id) ? `"${labelOf.get(id)}"` : quoted));
    lines.push(label ? `Output ${label}: ${message}` : message);
  }
  for (const [questionId, labels] of unrated) {
    lines.push(
      `${questionLabel.get(questionId) ?? questionId}: rate output${labels.length > 1 ? 's' : ''} ${labels.join(', ')}`,
    );
  }
  return lines;
}

export function AnswerChecklist({ lines }: { lines: string[] }) {
  return (
    <div className="checklist" role="status" aria-live="polite" aria-label="Before you submit">
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
