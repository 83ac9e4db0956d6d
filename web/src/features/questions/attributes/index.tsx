import type { QuestionOf } from '@feedbench/shared';
import { ChoiceListEditor } from '../controls/ChoiceListEditor.tsx';
import { LikertScale } from '../controls/LikertScale.tsx';
import { SettingNumber } from '../controls/SettingFields.tsx';
import { current, type EditState, knownOutputs, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';

export function setAttribute(
  state: EditState,
  question: QuestionOf<'attributes'>,
  outputId: string,
  attributeId: string,
  value: number,
) {
  const values = current(state, question.id, 'attributes')?.values ?? {};
  const forOutput = { ...values[outputId], [attributeId]: value };
  return put(state, question.id, { type: 'attributes', values: { ...values, [outputId]: forOutput } });
}

/** One output's scales: a Likert row per attribute (HelpSteer2's 0-4 by default). */
function AttributeScales({
  question,
  outputLabel,
  values,
  stopPrefix,
  onChange,
}: {
  question: QuestionOf<'attributes'>;
  outputLabel: string;
  values: Record<string, number>;
  stopPrefix: string;
  onChange: (attributeId: string, value: number) => void;
}) {
  return (
    <>
      {question.attributes.map((attribute) => (
        <div key={attribute.id} className="attribute-row">
          <span className="attribute-name" title={attribute.description || undefined}>
            {attribute.label}
          </span>
          <LikertScale
            label={qt('forOutput', { question: attribute.label, label: outputLabel })}
            min={question.min}
            max={question.max}
            description={attribute.description}
            value={values[attribute.id]}
            stopKey={`${stopPrefix}/${attribute.id}`}
            onChange={(value) => onChange(attribute.id, value)}
          />
        </div>
      ))}
    </>
  );
}

export const attributesKind: QuestionKind<'attributes'> = {
  get name() {
    return qt('kind_attributes');
  },
  placement: 'output',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ atLeast: 3 }),
  Settings: ({ question, id, onChange }) => (
    <>
      <div className="row wrap">
        <SettingNumber id={`${id}-lo`} label={qt('from')} value={question.min} onChange={(v) => onChange({ min: v })} />
        <SettingNumber id={`${id}-hi`} label={qt('to')} value={question.max} onChange={(v) => onChange({ max: v })} />
      </div>
      <ChoiceListEditor
        noun="attribute"
        choices={question.attributes}
        max={12}
        onChange={(attributes) => onChange({ attributes })}
      />
    </>
  ),
  Input: ({ question, state, update, output }) => {
    if (!output) return null;
    return (
      <fieldset className="question attributes">
        <legend className="field-label">{question.label}</legend>
        {question.help && <p className="hint">{question.help}</p>}
        <AttributeScales
          question={question}
          outputLabel={output.label}
          values={current(state, question.id, 'attributes')?.values[output.id] ?? {}}
          stopPrefix={`${question.id}/${output.id}`}
          onChange={(attributeId, value) => update((s) => setAttribute(s, question, output.id, attributeId, value))}
        />
      </fieldset>
    );
  },
  View: ({ question, answer, outputs }) => (
    <ul className="answer-view per-output">
      {outputs.map((o) => (
        <li key={o.id}>
          <span className="output-label">{o.label}</span>{' '}
          {question.attributes.map((a) => `${a.label} ${answer.values[o.id]?.[a.id] ?? '—'}`).join(', ')}
        </li>
      ))}
    </ul>
  ),
  Field: ({ question, outputs, answer, onChange }) => (
    <div className="stack">
      {outputs.map((o) => (
        <fieldset key={o.id} className="question attributes">
          <legend className="field-label">{qt('output', { label: o.label })}</legend>
          <AttributeScales
            question={question}
            outputLabel={o.label}
            values={answer?.values[o.id] ?? {}}
            stopPrefix={`${question.id}/${o.id}`}
            onChange={(attributeId, value) =>
              onChange({
                type: 'attributes',
                values: { ...answer?.values, [o.id]: { ...answer?.values[o.id], [attributeId]: value } },
              })
            }
          />
        </fieldset>
      ))}
    </div>
  ),
  text: (answer, question, labelOf) =>
    Object.entries(answer.values)
      .map(
        ([id, values]) =>
          `${labelOf(id)}: ${Object.entries(values)
            .map(([name, value]) => `${question?.attributes.find((a) => a.id === name)?.label ?? name} ${value}`)
            .join(', ')}`,
      )
      .join('; '),
  restore: (state, question, saved, outputs) =>
    saved
      ? put(state, question.id, { ...saved, values: knownOutputs(saved.values, new Set(outputs.map((o) => o.id))) })
      : state,
  build(question, state) {
    const answer = current(state, question.id, 'attributes');
    return answer && Object.keys(answer.values).length > 0 ? answer : undefined;
  },
  outputCard: null,
};
