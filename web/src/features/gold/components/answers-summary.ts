import type { Answer, Answers } from '@feedbench/shared';

/** One short line per answer, for tables: rankings as `o1 > o2 = o3`, labels and values listed. */
function summarize(answer: Answer): string {
  switch (answer.type) {
    case 'ranking':
      return answer.groups.map((group) => group.join(' = ')).join(' > ');
    case 'pairwise':
      return answer.verdict === 'preferred' ? `prefers ${answer.preferred ?? '?'}` : answer.verdict;
    case 'classification':
      return answer.selected.join(', ') || 'none';
    case 'rating':
      return Object.entries(answer.values)
        .map(([output, value]) => `${output}: ${value}`)
        .join(', ');
    case 'attributes':
      return `${Object.keys(answer.values).length} outputs rated`;
    case 'flags':
      return Object.entries(answer.values)
        .map(([output, flags]) => `${output}: ${flags.length === 0 ? 'none' : flags.join(', ')}`)
        .join('; ');
    default:
      return 'text';
  }
}

export function answersSummary(answers: Answers): string {
  return Object.entries(answers)
    .map(([questionId, answer]) => `${questionId}: ${summarize(answer)}`)
    .join(' · ');
}
