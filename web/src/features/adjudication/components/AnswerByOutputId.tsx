import type { Answer, Question } from '@feedbench/shared';

/**
 * One answer as text, outputs named by their output ids (the same names for every annotator, whatever letters each
 * was shown): rankings as `o2 > o0 = o1`, ratings as `o0: 5`, pairwise as the preferred id, labels by their names.
 */
export function answerText(question: Question, answer: Answer | undefined): string {
  if (!answer) return '—';
  switch (answer.type) {
    case 'demonstration':
    case 'rationale':
      return answer.text;
    case 'ranking':
      return `${answer.groups.map((group) => group.join(' = ')).join(' > ')}${answer.allBad ? ' (all bad)' : ''}`;
    case 'pairwise': {
      const verdict =
        answer.verdict === 'preferred'
          ? `${answer.preferred} better${answer.strength ? ` (${answer.strength})` : ''}`
          : answer.verdict;
      const safety = answer.safe
        ? `; safe: ${Object.entries(answer.safe)
            .map(([id, safe]) => `${id} ${safe ? 'yes' : 'no'}`)
            .join(', ')}`
        : '';
      return verdict + safety;
    }
    case 'rating':
      return Object.entries(answer.values)
        .map(([id, value]) => `${id}: ${value}`)
        .join(', ');
    case 'classification': {
      const labels = question.type === 'classification' ? question.options : [];
      return answer.selected.map((id) => labels.find((o) => o.id === id)?.label ?? id).join(', ') || 'none';
    }
    case 'attributes':
      return Object.entries(answer.values)
        .map(
          ([id, attributes]) =>
            `${id}: ${Object.entries(attributes)
              .map(([name, value]) => `${name} ${value}`)
              .join(', ')}`,
        )
        .join('; ');
    case 'flags':
      return Object.entries(answer.values)
        .map(([id, flags]) => `${id}: ${flags.join(', ') || 'none'}`)
        .join('; ');
  }
}

export function AnswerByOutputId({ question, answer }: { question: Question; answer: Answer | undefined }) {
  return <span style={{ whiteSpace: 'pre-wrap' }}>{answerText(question, answer)}</span>;
}
