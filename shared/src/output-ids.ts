import type { Answer, Answers } from './answers.ts';

/**
 * Rewrites every output id an answer set mentions (ranking groups, the preferred output and safety keys, rating,
 * attribute and flag keys, a demonstration's source output). `translate` answers the new id, or undefined to drop
 * the reference (an id the mapping does not know). The server maps annotators' answers between the blind output ids
 * they see and the real ones stored and exported.
 */
export function mapOutputIds(answers: Answers, translate: (id: string) => string | undefined): Answers {
  const mapped: Answers = {};
  for (const [questionId, answer] of Object.entries(answers)) {
    const to = mapAnswer(answer, translate);
    if (to) mapped[questionId] = to;
  }
  return mapped;
}

function mapKeys<V>(values: Record<string, V>, translate: (id: string) => string | undefined): Record<string, V> {
  const mapped: Record<string, V> = {};
  for (const [id, value] of Object.entries(values)) {
    const to = translate(id);
    if (to !== undefined) mapped[to] = value;
  }
  return mapped;
}

/** Undefined when nothing of the answer is left (a ranking of only unknown outputs is no ranking). */
function mapAnswer(answer: Answer, translate: (id: string) => string | undefined): Answer | undefined {
  switch (answer.type) {
    case 'demonstration': {
      const { sourceOutputId, ...rest } = answer;
      const source = sourceOutputId === undefined ? undefined : translate(sourceOutputId);
      return source === undefined ? rest : { ...rest, sourceOutputId: source };
    }
    case 'ranking': {
      // Empty groups stay: a draft keeps the board's empty rank positions (a submitted ranking has none).
      const groups = answer.groups.map((group) => group.flatMap((id) => translate(id) ?? []));
      return groups.some((group) => group.length > 0) ? { ...answer, groups } : undefined;
    }
    case 'best-of-k': {
      if (answer.choice === null) return answer;
      const to = translate(answer.choice);
      return to === undefined ? undefined : { ...answer, choice: to };
    }
    case 'pairwise': {
      const { preferred, safe, ...rest } = answer;
      const to = preferred === undefined ? undefined : translate(preferred);
      return {
        ...rest,
        ...(to === undefined ? {} : { preferred: to }),
        ...(safe === undefined ? {} : { safe: mapKeys(safe, translate) }),
      };
    }
    case 'rating':
    case 'attributes':
    case 'flags':
      return { ...answer, values: mapKeys(answer.values as Record<string, never>, translate) } as Answer;
    case 'rationale':
    case 'classification':
      return answer;
    default: {
      // A new answer type must say how it refers to outputs (compile error here until it does).
      const unknown: never = answer;
      return unknown;
    }
  }
}
