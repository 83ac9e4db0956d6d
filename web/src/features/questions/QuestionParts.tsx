import type { Answer, Answers, Question } from '@feedbench/shared';
import { useTranslation } from 'react-i18next';
import type { InputProps, ShownOutput } from './question-kind.ts';
import { answerFor, kindOf } from './registry.ts';

/**
 * The registry's pieces as components that take any question: each screen renders these and never asks a question
 * its type.
 */

/** The annotator's input for one question (on an output card when `output` is given). */
export function QuestionInput(props: InputProps<Question['type']> & { question: Question }) {
  // The kinds read their words with `qt` (questions.messages.ts): subscribing here re-renders them on a language change.
  useTranslation();
  const { Input } = kindOf(props.question.type);
  return <Input {...props} />;
}

/** The template builder's settings of one question's type (nothing when the type has none). */
export function QuestionSettings({
  question,
  id,
  onChange,
}: {
  question: Question;
  id: string;
  onChange: (patch: Partial<Question>) => void;
}) {
  useTranslation();
  const { Settings } = kindOf(question.type);
  return Settings ? <Settings question={question} id={id} onChange={onChange} /> : null;
}

/** An answer read-only, outputs named with the labels in `outputs`; "—" when there is none. */
export function AnswerView({
  question,
  answer,
  outputs,
}: {
  question: Question;
  answer: Answer | undefined;
  outputs: readonly ShownOutput[];
}) {
  useTranslation();
  const given = answerFor(question, answer);
  if (!given) return <span className="muted">—</span>;
  const { View } = kindOf(question.type);
  return <View question={question} answer={given} outputs={outputs} />;
}

/** An answer edited with the inputs annotators use (adjudication, a reviewer's correction). */
export function AnswerField({
  question,
  answer,
  outputs,
  label,
  onChange,
}: {
  question: Question;
  answer: Answer | undefined;
  outputs: readonly ShownOutput[];
  label?: string;
  onChange: (answer: Answer | undefined) => void;
}) {
  useTranslation();
  const { Field } = kindOf(question.type);
  return (
    <Field
      question={question}
      answer={answerFor(question, answer)}
      outputs={outputs}
      label={label}
      onChange={onChange}
    />
  );
}

/** One answer as one line of text, outputs named with `labelOf` (output ids by default). */
export function answerText(
  question: Question | undefined,
  answer: Answer | undefined,
  labelOf: (outputId: string) => string = (id) => id,
): string {
  if (!answer) return '—';
  const asked = question && answerFor(question, answer) ? question : undefined;
  return kindOf(answer.type).text(answer, asked, labelOf);
}

/** Every answer in one line, "question: answer · ...", for tables. */
export function answersText(answers: Answers, questions: readonly Question[] = []): string {
  return Object.entries(answers)
    .map(
      ([questionId, answer]) =>
        `${questionId}: ${answerText(
          questions.find((q) => q.id === questionId),
          answer,
        )}`,
    )
    .join(' · ');
}

/** Outputs as an annotator was shown them: in display order, lettered A, B, C... (the server's labels). */
export function shownOutputs(outputs: readonly { id: string; content: string }[]): ShownOutput[] {
  return outputs.map((output, index) => ({ ...output, label: outputLetter(index) }));
}

export const outputLetter = (index: number) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[index] ?? String(index + 1);

/** Outputs named by their ids (adjudication compares annotators who each saw their own letters). */
export function outputsById(outputs: readonly { id: string; content: string }[]): ShownOutput[] {
  return outputs.map((output) => ({ ...output, label: output.id }));
}
