import type { AnswerOf } from '@feedbench/shared';
import { useState } from 'react';
import { SettingCheck } from '../controls/SettingFields.tsx';
import type { FieldProps, QuestionKind, ShownOutput, ViewProps } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { RankingBoard } from './RankingBoard.tsx';
import { setAllBad, setRank, tieRank } from './ranking-state.ts';
import { groupsOf, positionsOf, type RankMap } from './ranks.ts';

/** "A > B = C" (best first, `=` ties), with "(all bad)" when the annotator said so. */
function rankingText(answer: AnswerOf<'ranking'>, labelOf: (id: string) => string): string {
  const groups = answer.groups.filter((group) => group.length > 0);
  return `${groups.map((group) => group.map(labelOf).join(' = ')).join(' > ')}${answer.allBad ? ` ${qt('allBadNote')}` : ''}`;
}

const labels = (outputs: readonly ShownOutput[]) => (id: string) => outputs.find((o) => o.id === id)?.label ?? id;

function RankingView({ answer, outputs }: ViewProps<'ranking'>) {
  const unranked = outputs.filter((o) => !answer.groups.some((group) => group.includes(o.id)));
  return (
    <span className="answer-view">
      {rankingText(answer, labels(outputs))}
      {unranked.length > 0 && (
        <span className="muted"> {qt('unrankedList', { labels: unranked.map((o) => o.label).join(', ') })}</span>
      )}
    </span>
  );
}

/**
 * Rank numbers per output (1 = best; equal numbers are a tie), turned into the ranking's groups. What was typed stays
 * as typed; a number outside 1..K is refused on the spot (the answer is then incomplete), and the ranking it makes is
 * shown, so a renumbering (1, 2, 4 become 1, 2, 3) is seen before it is saved.
 */
function RankingField({ question, outputs, answer, onChange }: FieldProps<'ranking'>) {
  const [typed, setTyped] = useState<Record<string, string>>(() => {
    const ranks: Record<string, string> = {};
    answer?.groups.forEach((group, index) => {
      for (const id of group) ranks[id] = String(index + 1);
    });
    return ranks;
  });
  const allBad = answer?.allBad ? { allBad: true } : {};
  const outOfRange = (value: string) => {
    const n = Number(value);
    return value !== '' && !(Number.isInteger(n) && n >= 1 && n <= outputs.length);
  };
  const wrong = outputs.filter((o) => outOfRange(typed[o.id] ?? ''));
  function update(outputId: string, value: string) {
    const next = { ...typed, [outputId]: value };
    setTyped(next);
    if (Object.values(next).some(outOfRange)) {
      onChange(undefined);
      return;
    }
    const ranks = new Map(
      Object.entries(next).flatMap(([id, rank]) => (rank === '' ? [] : [[id, Number(rank)] as const])),
    );
    const levels = [...new Set(ranks.values())].sort((a, b) => a - b);
    const groups = levels.map((level) => outputs.map((o) => o.id).filter((id) => ranks.get(id) === level));
    onChange(groups.length > 0 ? { type: 'ranking', groups, ...allBad } : undefined);
  }
  return (
    <div className="stack">
      <div className="row wrap">
        {outputs.map((output) => (
          <label key={output.id} className="field">
            {qt('rankOfLabel', { label: output.label })}
            <input
              type="number"
              min={1}
              max={outputs.length}
              value={typed[output.id] ?? ''}
              aria-invalid={outOfRange(typed[output.id] ?? '') || undefined}
              onChange={(e) => update(output.id, e.target.value)}
            />
          </label>
        ))}
      </div>
      {wrong.length > 0 ? (
        <p className="notice error" role="alert">
          {qt('rankOutOfRange', { labels: wrong.map((o) => o.label).join(', '), max: outputs.length })}
        </p>
      ) : (
        answer && (
          <p className="muted" aria-live="polite">
            {qt('rankingSavedAs', { ranking: rankingText(answer, labels(outputs)) })}
          </p>
        )
      )}
      {question.allowAllBad && answer && (
        <label className="check">
          <input
            type="checkbox"
            checked={answer.allBad ?? false}
            onChange={(e) => {
              const { allBad: _, ...rest } = answer;
              onChange(e.target.checked ? { ...rest, allBad: true } : rest);
            }}
          />
          {qt('allOutputsBad')}
        </label>
      )}
    </div>
  );
}

export const rankingKind: QuestionKind<'ranking'> = {
  get name() {
    return qt('kind_ranking');
  },
  placement: 'judgement',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ atLeast: 3 }),
  Settings: ({ question, onChange }) => (
    <div className="row wrap">
      <SettingCheck label={qt('allowTies')} checked={question.allowTies} onChange={(v) => onChange({ allowTies: v })} />
      <SettingCheck
        label={qt('offerAllBad')}
        checked={question.allowAllBad}
        onChange={(v) => onChange({ allowAllBad: v })}
      />
    </div>
  ),
  Input: ({ question, state, update, outputs }) => (
    <RankingBoard
      questionId={question.id}
      label={question.label}
      help={question.help}
      allowTies={question.allowTies}
      outputs={outputs}
      ranks={state.ranks[question.id] ?? {}}
      onRank={(outputId, rank) => update((s) => setRank(s, question.id, outputId, rank))}
      tieRankOf={(outputId) => tieRank(state, question.id, outputId)}
      allBad={
        question.allowAllBad
          ? {
              checked: state.allBad[question.id] ?? false,
              onChange: (checked) => update((s) => setAllBad(s, question.id, checked)),
            }
          : undefined
      }
    />
  ),
  View: RankingView,
  Field: RankingField,
  text: (answer, _question, labelOf) => rankingText(answer, labelOf),
  restore(state, question, saved, outputs) {
    if (!saved) return state;
    const known = new Set(outputs.map((o) => o.id));
    const ranks: RankMap = {};
    // Drafts keep empty positions (empty groups), so a group's index is its rank on the board.
    saved.groups.forEach((group, index) => {
      for (const id of group) if (known.has(id)) ranks[id] = index + 1;
    });
    return {
      ...state,
      ranks: { ...state.ranks, [question.id]: ranks },
      allBad: saved.allBad ? { ...state.allBad, [question.id]: true } : state.allBad,
    };
  },
  build(question, state, outputIds, draft) {
    const groups = (draft ? positionsOf : groupsOf)(state.ranks[question.id] ?? {}, outputIds);
    const allBad = state.allBad[question.id] ? { allBad: true } : {};
    return groups.length > 0 ? { type: 'ranking', groups, ...allBad } : undefined;
  },
  outputCard: ({ question, state, update, outputs }, output) => ({
    rank: state.ranks[question.id]?.[output.id],
    outputCount: outputs.length,
    onRank: (rank) => update((s) => setRank(s, question.id, output.id, rank)),
    onTie: () => {
      const rank = tieRank(state, question.id, output.id);
      if (rank !== undefined && question.allowTies) update((s) => setRank(s, question.id, output.id, rank));
    },
  }),
};
