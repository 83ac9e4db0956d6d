import { type Question, type QuestionOf, scalePointLabels, type Task, type TaskOutput } from '@feedbench/shared';
import type { ReactNode } from 'react';
import * as edit from '../hooks/answer-state.ts';
import type { TaskAnswers } from '../hooks/useTaskAnswers.ts';
import { ConversationView } from './ConversationView.tsx';
import { LikertScale } from './LikertScale.tsx';
import { OutputCard } from './OutputCard.tsx';
import { ClassificationQuestion } from './questions/ClassificationQuestion.tsx';
import { FlagChecklist } from './questions/FlagChecklist.tsx';
import { PairwiseQuestion } from './questions/PairwiseQuestion.tsx';
import {
  ContinueConversation,
  RationaleQuestion,
  RewriteDemonstration,
  WriteDemonstration,
} from './questions/TextQuestions.tsx';
import { RankingBoard } from './RankingBoard.tsx';

export type OutputLayout = 'side-by-side' | 'stacked';

interface AnnotatorViewProps {
  task: Pick<Task, 'questions' | 'outputs' | 'conversation' | 'item'>;
  answers: TaskAnswers;
  layout: OutputLayout;
  /** Page-wide expand/collapse of long outputs (the `E` key). */
  expandAll?: boolean;
  /** Shown above the prompt (guidelines, progress). */
  header?: ReactNode;
  /** Checklist, Submit, Skip: last in the reading and tab order. */
  submitPanel: ReactNode;
}

const of =
  <T extends Question['type']>(type: T) =>
  (q: Question): q is QuestionOf<T> =>
    q.type === type;

/**
 * Exactly what an annotator sees for one task, without any server state: the live task page and the template
 * builder's preview both render this. Each question type goes where it is read: prompt labels under the prompt,
 * demonstrations after it, per-output questions on each output card, and whole-item judgements (ranking, pairwise,
 * rationale) in the side column next to Submit.
 */
export function AnnotatorView({ task, answers, layout, expandAll, header, submitPanel }: AnnotatorViewProps) {
  const { state, update } = answers;
  const { questions, outputs } = task;
  const rankings = questions.filter(of('ranking'));
  const boardQuestion = rankings[0];
  const perOutput = questions.filter((q) => q.type === 'rating' || q.type === 'attributes' || q.type === 'flags');
  const judging = rankings.length > 0 || questions.some(of('pairwise')) || perOutput.length > 0;
  const showOutputs = outputs.length > 0 && judging;

  const textOf = (id: string) => {
    const answer = state.answers[id];
    return answer?.type === 'demonstration' || answer?.type === 'rationale' ? answer.text : '';
  };

  const prompt = (
    <section className="card stack" aria-labelledby="prompt-title">
      <div className="section-head">
        <h2 id="prompt-title">Prompt</h2>
        <span className="muted">item {task.item.externalId}</span>
      </div>
      <ConversationView conversation={task.conversation} />
    </section>
  );

  const classifications = questions.filter(of('classification')).map((question) => {
    const answer = state.answers[question.id];
    return (
      <ClassificationQuestion
        key={question.id}
        question={question}
        selected={answer?.type === 'classification' ? answer.selected : []}
        onToggle={(optionId) => update((s) => edit.toggleOption(s, question, optionId))}
      />
    );
  });

  const demonstrations = questions.filter(of('demonstration')).map((question) => {
    const answer = state.answers[question.id];
    const demonstration = answer?.type === 'demonstration' ? answer : undefined;
    const onChange = (text: string) => update((s) => edit.setText(s, question, text));
    if (question.variant === 'rewrite') {
      return (
        <RewriteDemonstration
          key={question.id}
          question={question}
          outputs={outputs}
          sourceOutputId={demonstration?.sourceOutputId}
          text={demonstration?.text ?? ''}
          onChange={onChange}
          onSource={(output) => update((s) => edit.setRewriteSource(s, question.id, output))}
        />
      );
    }
    if (question.variant === 'continue') {
      return (
        <ContinueConversation
          key={question.id}
          question={question}
          conversation={task.conversation}
          text={demonstration?.text ?? ''}
          nextUserTurn={demonstration?.nextUserTurn ?? ''}
          onChange={onChange}
          onNextUserTurn={(text) => update((s) => edit.setNextUserTurn(s, question.id, text))}
        />
      );
    }
    return <WriteDemonstration key={question.id} question={question} text={textOf(question.id)} onChange={onChange} />;
  });

  const perOutputQuestions = (output: TaskOutput) =>
    perOutput.map((question) => {
      const answer = state.answers[question.id];
      if (question.type === 'rating') {
        return (
          <div key={question.id} className="question">
            <span className="field-label">{question.label}</span>
            <LikertScale
              label={`${question.label} for output ${output.label}`}
              min={question.min}
              max={question.max}
              pointLabels={scalePointLabels(question)}
              description={question.help}
              value={answer?.type === 'rating' ? answer.values[output.id] : undefined}
              stopKey={`${question.id}/${output.id}`}
              onChange={(value) => update((s) => edit.setScale(s, question, output.id, value))}
            />
          </div>
        );
      }
      if (question.type === 'attributes') {
        const values = answer?.type === 'attributes' ? (answer.values[output.id] ?? {}) : {};
        return (
          <fieldset key={question.id} className="question attributes">
            <legend className="field-label">{question.label}</legend>
            {question.help && <p className="hint">{question.help}</p>}
            {question.attributes.map((attribute) => (
              <div key={attribute.id} className="attribute-row">
                <span className="attribute-name" title={attribute.description || undefined}>
                  {attribute.label}
                </span>
                <LikertScale
                  label={`${attribute.label} for output ${output.label}`}
                  min={question.min}
                  max={question.max}
                  description={attribute.description}
                  value={values[attribute.id]}
                  stopKey={`${question.id}/${output.id}/${attribute.id}`}
                  onChange={(value) => update((s) => edit.setScale(s, question, output.id, value, attribute.id))}
                />
              </div>
            ))}
          </fieldset>
        );
      }
      if (question.type === 'flags') {
        return (
          <FlagChecklist
            key={question.id}
            question={question}
            outputId={output.id}
            outputLabel={output.label}
            flagged={answer?.type === 'flags' ? (answer.values[output.id] ?? []) : []}
            onToggle={(flagId) => update((s) => edit.toggleFlag(s, question.id, output.id, flagId))}
          />
        );
      }
      return null;
    });

  const rationales = questions
    .filter(of('rationale'))
    .map((question) => (
      <RationaleQuestion
        key={question.id}
        question={question}
        text={textOf(question.id)}
        onChange={(text) => update((s) => edit.setText(s, question, text))}
      />
    ));

  if (!showOutputs) {
    return (
      <div className="task stack">
        {header}
        {prompt}
        {classifications}
        {demonstrations}
        {rationales}
        {submitPanel}
      </div>
    );
  }

  const judgements = (
    <>
      {rankings.map((question) => (
        <RankingBoard
          key={question.id}
          questionId={question.id}
          label={question.label}
          help={question.help}
          allowTies={question.allowTies}
          outputs={outputs}
          ranks={state.ranks[question.id] ?? {}}
          onRank={(outputId, rank) => update((s) => edit.setRank(s, question.id, outputId, rank))}
          tieRankOf={(outputId) => edit.tieRank(state, question.id, outputId)}
          allBad={
            question.allowAllBad
              ? {
                  checked: state.allBad[question.id] ?? false,
                  onChange: (checked) => update((s) => edit.setAllBad(s, question.id, checked)),
                }
              : undefined
          }
        />
      ))}
      {questions.filter(of('pairwise')).map((question) => (
        <PairwiseQuestion
          key={question.id}
          question={question}
          outputs={outputs}
          choice={state.pairwise[question.id]?.choice}
          safe={state.pairwise[question.id]?.safe ?? {}}
          onChoose={(choice) => update((s) => edit.setPairwise(s, question.id, choice))}
          onSafety={(outputId, safe) => update((s) => edit.setSafety(s, question.id, outputId, safe))}
        />
      ))}
    </>
  );

  // Outputs to compare: read them on the left, while the judgements and Submit stay in view on the right.
  return (
    <div className="task task-with-sidebar">
      <div className="task-main stack">
        {header}
        {prompt}
        {classifications}
        {demonstrations}
        <section className={`outputs ${layout}`} aria-label="Model outputs">
          {outputs.map((output) => (
            <OutputCard
              key={output.id}
              output={output}
              expandAll={expandAll}
              ranking={
                boardQuestion && {
                  rank: state.ranks[boardQuestion.id]?.[output.id],
                  outputCount: outputs.length,
                  onRank: (rank) => update((s) => edit.setRank(s, boardQuestion.id, output.id, rank)),
                  onTie: () => {
                    const rank = edit.tieRank(state, boardQuestion.id, output.id);
                    if (rank !== undefined && boardQuestion.allowTies) {
                      update((s) => edit.setRank(s, boardQuestion.id, output.id, rank));
                    }
                  },
                }
              }
            >
              {perOutput.length > 0 ? perOutputQuestions(output) : null}
            </OutputCard>
          ))}
        </section>
      </div>
      <aside className="task-side stack" aria-label="Your answer">
        {judgements}
        {rationales}
        {submitPanel}
      </aside>
    </div>
  );
}
