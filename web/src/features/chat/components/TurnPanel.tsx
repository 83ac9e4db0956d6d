import { type ChatTurn, checkAnswers, type Question, type TaskOutput } from '@feedbench/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { localizedProblem } from '../../questions/answer-problems.ts';
import { buildAnswers, buildDraft, type EditState, initialState } from '../../questions/answer-state.ts';
import { QuestionInput } from '../../questions/QuestionParts.tsx';
import { kindOf } from '../../questions/registry.ts';
import { saveTurnDraft, useCompleteTurn } from '../api/chat-turn.ts';
import { chatMessages } from '../chat.messages.ts';
import { CandidateCard } from './CandidateCard.tsx';

interface TurnPanelProps {
  leaseId: string;
  turn: ChatTurn;
  questions: Question[];
  conversation: { role: 'system' | 'user' | 'assistant'; content: string }[];
  onStop: (candidateId: string) => void;
  onRegenerate: (candidateId: string) => void;
}

/** Autosave of the turn's answers and edit, a moment after the annotator stops typing. */
const DRAFT_DELAY_MS = 800;

/**
 * The open turn: its candidates side by side (stacked on a phone), the per-turn template answered over them, the
 * reply chosen and its optional edit, saved as a draft as the annotator goes and completed with "Save this turn".
 */
export function TurnPanel({ leaseId, turn, questions, conversation, onStop, onRegenerate }: TurnPanelProps) {
  const t = useMessages(chatMessages);
  const outputs: TaskOutput[] = useMemo(
    () => turn.candidates.map((c) => ({ id: c.id, label: c.label, content: c.content })),
    [turn.candidates],
  );
  const outputIds = useMemo(() => outputs.map((o) => o.id), [outputs]);
  const [state, setState] = useState<EditState>(() =>
    initialState({
      questions,
      outputs,
      draft: turn.answers ? { answers: turn.answers, updatedAt: '' } : null,
    }),
  );
  const [chosenId, setChosenId] = useState<string | null>(turn.chosenId);
  const chosen = turn.candidates.find((c) => c.id === chosenId);
  const [editText, setEditText] = useState<string>(turn.draftEdit ?? '');
  const complete = useCompleteTurn(leaseId);
  const answers = useMemo(() => buildAnswers(questions, outputIds, state), [questions, outputIds, state]);
  const problems = useMemo(() => checkAnswers(questions, outputIds, answers), [questions, outputIds, answers]);
  const streaming = turn.candidates.some((c) => c.state === 'streaming');

  // Drafts: the answers and the edit so far, kept on the server so a reload restores them.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      void saveTurnDraft(leaseId, turn.turnNo, {
        answers: buildDraft(questions, outputIds, state),
        draftEdit: editText || null,
      }).catch(() => {});
    }, DRAFT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [leaseId, turn.turnNo, questions, outputIds, state, editText]);

  const placed = (placement: string) => questions.filter((q) => kindOf(q.type).placement === placement);
  const perCandidate = placed('output');
  // The first question that ranks candidates also gives each card its rank picker (narrow screens).
  const cardRank = questions.find((q) => kindOf(q.type).outputCard !== null);
  const input = (question: Question, output?: TaskOutput) => (
    <QuestionInput
      key={question.id}
      question={question}
      state={state}
      update={(change) => setState(change)}
      outputs={outputs}
      conversation={conversation}
      output={output}
    />
  );

  return (
    <section className="stack" aria-label={t('candidates')}>
      <div className="outputs chat-candidates">
        {turn.candidates.map((candidate) => {
          const output = outputs.find((o) => o.id === candidate.id);
          return (
            <CandidateCard
              key={candidate.id}
              candidate={candidate}
              chosen={candidate.id === chosenId}
              readOnly={false}
              onStop={() => onStop(candidate.id)}
              onRegenerate={() => onRegenerate(candidate.id)}
              onChoose={() => {
                setChosenId(candidate.id);
                if (!editText) setEditText(candidate.content);
              }}
              ranking={
                cardRank && output
                  ? kindOf(cardRank.type).outputCard?.(
                      { question: cardRank, state, update: (change) => setState(change), outputs, conversation },
                      output,
                    )
                  : undefined
              }
            >
              {candidate.state !== 'streaming' && perCandidate.map((q) => input(q, output))}
            </CandidateCard>
          );
        })}
      </div>
      {!streaming && (
        <section className="card stack" aria-label={t('questions')}>
          <h3>{t('questions')}</h3>
          {[...placed('judgement'), ...placed('reply'), ...placed('prompt'), ...placed('closing')].map((q) => input(q))}
          {chosen ? (
            <div className="field">
              <label htmlFor={`edit-${turn.turnNo}`}>{t('editLabel')}</label>
              <textarea
                id={`edit-${turn.turnNo}`}
                dir="auto"
                rows={5}
                value={editText}
                onChange={(e) => setEditText(e.target.value)}
              />
            </div>
          ) : (
            <p className="muted">{t('chooseFirst')}</p>
          )}
          {problems.length > 0 && (
            <p className="muted">
              {t('missing', { what: problems.map((p) => localizedProblem(p.message)).join('; ') })}
            </p>
          )}
          {complete.isError && (
            <p className="notice error" role="alert">
              {errorMessage(complete.error)}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!chosen || problems.length > 0 || complete.isPending}
              onClick={() =>
                chosen &&
                complete.mutate({
                  turnNo: turn.turnNo,
                  body: {
                    answers,
                    chosenId: chosen.id,
                    ...(editText.trim() && editText !== chosen.content ? { editedText: editText } : {}),
                  },
                })
              }
            >
              {complete.isPending ? t('completing') : t('completeTurn')}
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
