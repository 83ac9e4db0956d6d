import {
  type Answer,
  type AnswerOf,
  type Answers,
  answerSchema,
  checkAnswers,
  PREFERENCE_STRENGTHS,
  type Question,
  type QuestionOf,
} from '@feedbench/shared';
import { useState } from 'react';

interface Props {
  questions: Question[];
  outputIds: string[];
  /** Where the editor starts (the current adjudication, or an annotator's answers). */
  initial: Answers;
  pending: boolean;
  error?: string;
  onSave(answers: Answers): void;
}

/**
 * The adjudicated answer, one field per question with outputs named by id: ranks as numbers (equal numbers tie),
 * ratings per output, the pairwise verdict, labels, texts; per-output attribute and flag answers as JSON. The
 * template's own rules (shared checkAnswers, the server's check too) are shown before saving.
 */
export function AdjudicationEditor({ questions, outputIds, initial, pending, error, onSave }: Props) {
  const [answers, setAnswers] = useState<Answers>(initial);
  const problems = checkAnswers(questions, outputIds, answers);
  const set = (id: string, answer: Answer | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (answer) next[id] = answer;
      else delete next[id];
      return next;
    });
  return (
    <form
      className="stack"
      aria-label="Adjudicated answer"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(answers);
      }}
    >
      {questions.map((question) => (
        <fieldset key={question.id} className="stack">
          <legend>{question.label}</legend>
          <QuestionField
            question={question}
            outputIds={outputIds}
            answer={answers[question.id]}
            onChange={(a) => set(question.id, a)}
          />
        </fieldset>
      ))}
      {problems.length > 0 && (
        <ul className="notice error" aria-label="Problems with the adjudicated answer">
          {problems.map((p) => (
            <li key={`${p.path.join('.')}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={pending || problems.length > 0}>
        Save adjudicated answer
      </button>
    </form>
  );
}

function QuestionField(props: {
  question: Question;
  outputIds: string[];
  answer: Answer | undefined;
  onChange(answer: Answer | undefined): void;
}) {
  const { question, answer } = props;
  switch (question.type) {
    case 'ranking':
      return <RankingField {...props} answer={answer?.type === 'ranking' ? answer : undefined} />;
    case 'rating':
      return <RatingField {...props} question={question} answer={answer?.type === 'rating' ? answer : undefined} />;
    case 'pairwise':
      return <PairwiseField {...props} question={question} answer={answer?.type === 'pairwise' ? answer : undefined} />;
    case 'classification':
      return (
        <ClassificationField
          {...props}
          question={question}
          answer={answer?.type === 'classification' ? answer : undefined}
        />
      );
    case 'demonstration':
    case 'rationale':
      return (
        <textarea
          aria-label={question.label}
          rows={6}
          value={answer?.type === question.type ? answer.text : ''}
          onChange={(e) =>
            props.onChange(
              e.target.value === ''
                ? undefined
                : answer?.type === 'demonstration' && question.type === 'demonstration'
                  ? { ...answer, text: e.target.value }
                  : ({ type: question.type, text: e.target.value } as Answer),
            )
          }
        />
      );
    default:
      return <JsonField {...props} />;
  }
}

/** Rank numbers per output (1 = best; equal numbers are a tie), turned into the ranking's groups. */
function RankingField({
  outputIds,
  answer,
  onChange,
}: {
  outputIds: string[];
  answer: AnswerOf<'ranking'> | undefined;
  onChange(answer: Answer | undefined): void;
}) {
  const rankOf = new Map<string, number>();
  answer?.groups.forEach((group, index) => {
    for (const id of group) rankOf.set(id, index + 1);
  });
  function update(outputId: string, value: string) {
    const ranks = new Map(rankOf);
    if (value === '') ranks.delete(outputId);
    else ranks.set(outputId, Number(value));
    const levels = [...new Set(ranks.values())].sort((a, b) => a - b);
    const groups = levels.map((level) => outputIds.filter((id) => ranks.get(id) === level));
    onChange(groups.length > 0 ? { type: 'ranking', groups, ...(answer?.allBad ? { allBad: true } : {}) } : undefined);
  }
  return (
    <div className="row">
      {outputIds.map((id) => (
        <label key={id} className="field">
          Rank of {id}
          <input
            type="number"
            min={1}
            max={outputIds.length}
            value={rankOf.get(id) ?? ''}
            onChange={(e) => update(id, e.target.value)}
          />
        </label>
      ))}
    </div>
  );
}

function RatingField({
  question,
  outputIds,
  answer,
  onChange,
}: {
  question: QuestionOf<'rating'>;
  outputIds: string[];
  answer: AnswerOf<'rating'> | undefined;
  onChange(answer: Answer | undefined): void;
}) {
  return (
    <div className="row">
      {outputIds.map((id) => (
        <label key={id} className="field">
          {question.label}: {id}
          <input
            type="number"
            min={question.min}
            max={question.max}
            value={answer?.values[id] ?? ''}
            onChange={(e) => {
              const values = { ...(answer?.values ?? {}) };
              if (e.target.value === '') delete values[id];
              else values[id] = Number(e.target.value);
              onChange({ type: 'rating', values });
            }}
          />
        </label>
      ))}
    </div>
  );
}

function PairwiseField({
  question,
  outputIds,
  answer,
  onChange,
}: {
  question: QuestionOf<'pairwise'>;
  outputIds: string[];
  answer: AnswerOf<'pairwise'> | undefined;
  onChange(answer: Answer | undefined): void;
}) {
  const choice = !answer ? '' : answer.verdict === 'preferred' ? `preferred:${answer.preferred}` : answer.verdict;
  return (
    <div className="row">
      <label className="field">
        Verdict
        <select
          value={choice}
          onChange={(e) => {
            const value = e.target.value;
            if (value === '') return onChange(undefined);
            const [verdict, preferred] = value.split(':') as [AnswerOf<'pairwise'>['verdict'], string | undefined];
            onChange({
              type: 'pairwise',
              verdict,
              ...(preferred ? { preferred } : {}),
              ...(verdict === 'preferred' && question.askStrength ? { strength: answer?.strength ?? 'better' } : {}),
              ...(answer?.safe ? { safe: answer.safe } : {}),
            });
          }}
        >
          <option value="">—</option>
          {outputIds.map((id) => (
            <option key={id} value={`preferred:${id}`}>
              {id} is better
            </option>
          ))}
          {question.allowTie && <option value="tie">tie</option>}
          {question.allowBothBad && <option value="both-bad">both bad</option>}
        </select>
      </label>
      {answer?.verdict === 'preferred' && question.askStrength && (
        <label className="field">
          Strength
          <select
            value={answer.strength ?? 'better'}
            onChange={(e) => onChange({ ...answer, strength: e.target.value as AnswerOf<'pairwise'>['strength'] })}
          >
            {PREFERENCE_STRENGTHS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

function ClassificationField({
  question,
  answer,
  onChange,
}: {
  question: QuestionOf<'classification'>;
  answer: AnswerOf<'classification'> | undefined;
  onChange(answer: Answer | undefined): void;
}) {
  const selected = new Set(answer?.selected ?? []);
  return (
    <div className="row">
      {question.options.map((option) => (
        <label key={option.id}>
          <input
            type={question.multiple ? 'checkbox' : 'radio'}
            name={`adjudicate-${question.id}`}
            checked={selected.has(option.id)}
            onChange={(e) => {
              const next = question.multiple ? new Set(selected) : new Set<string>();
              if (e.target.checked) next.add(option.id);
              else next.delete(option.id);
              onChange({ type: 'classification', selected: [...next] });
            }}
          />{' '}
          {option.label}
        </label>
      ))}
    </div>
  );
}

/** Per-output attribute and flag answers as JSON (rarely adjudicated; the template check still applies). */
function JsonField({
  question,
  answer,
  onChange,
}: {
  question: Question;
  answer: Answer | undefined;
  onChange(answer: Answer | undefined): void;
}) {
  const [text, setText] = useState(answer ? JSON.stringify(answer) : '');
  const [invalid, setInvalid] = useState(false);
  return (
    <label className="field">
      {question.label} (JSON)
      <textarea
        rows={3}
        value={text}
        aria-invalid={invalid}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setInvalid(false);
            return onChange(undefined);
          }
          try {
            const parsed = answerSchema.safeParse(JSON.parse(e.target.value));
            setInvalid(!parsed.success);
            if (parsed.success) onChange(parsed.data);
          } catch {
            setInvalid(true);
          }
        }}
      />
    </label>
  );
}
