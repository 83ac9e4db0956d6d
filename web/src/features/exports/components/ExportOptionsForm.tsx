import {
  CHAT_ONLY_EXPORT_FORMATS,
  CONSENSUS_METHODS,
  EXPORT_AGGREGATIONS,
  EXPORT_FILE_FORMATS,
  EXPORT_FORMATS,
  EXPORT_SPLITS,
  type ExportFormat,
  PAIR_STRATEGIES,
  PREFERENCE_EXPORT_FORMATS,
  type TaskKind,
} from '@feedbench/shared';
import { type ReactNode, useId } from 'react';
import type { ExportChoices } from '../api/export-url.ts';

// Partial: a format the server gains shows up with its name alone until it is described here.
export const FORMAT_DESCRIPTIONS: Partial<Record<ExportFormat, string>> = {
  'openai-chat': 'OpenAI chat fine-tuning: one line per demonstration (or best-ranked output).',
  'trl-sft': 'TRL SFTTrainer, conversational prompt / completion.',
  'trl-sft-text': 'TRL SFTTrainer, plain-text prompt / completion.',
  'trl-preference': 'TRL DPO / reward trainers: prompt, chosen, rejected (+ margin and scores).',
  'openai-dpo': 'OpenAI preference fine-tuning: input, preferred and non-preferred output.',
  'hh-rlhf': 'Anthropic HH-RLHF transcripts: chosen and rejected.',
  'trl-kto': 'TRL KTOTrainer: unpaired completions labelled desirable or not.',
  rankings: 'Every output with its rank (ties kept), ratings and flags.',
  raw: 'Every annotation as stored, with review state and corrections.',
};

/** Every export option as a control; empty number fields mean the server's default. */
export function ExportOptionsForm({
  choices,
  onChange,
  kind,
}: {
  choices: ExportChoices;
  onChange: (choices: ExportChoices) => void;
  /** The project's kind: preference formats need rankings, so a demonstration project is not offered them. */
  kind?: TaskKind;
}) {
  const preference: readonly string[] = PREFERENCE_EXPORT_FORMATS;
  const chatOnly: readonly string[] = CHAT_ONLY_EXPORT_FORMATS;
  // The message tree is written from live chat conversations only.
  const formats = EXPORT_FORMATS.filter(
    (f) => !(kind === 'demonstration' && preference.includes(f)) && (kind === 'chat' || !chatOnly.includes(f)),
  );
  const id = useId();
  const set = (patch: Partial<ExportChoices>) => onChange({ ...choices, ...patch });
  const select = <T extends string>(key: keyof ExportChoices, label: string, values: readonly T[], fallback: T) => (
    <Field id={`${id}-${key}`} label={label}>
      <select
        id={`${id}-${key}`}
        value={(choices[key] as string | undefined) ?? fallback}
        onChange={(e) => set({ [key]: e.target.value } as Partial<ExportChoices>)}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </Field>
  );
  const number = (key: keyof ExportChoices, label: string, attrs: { min: number; max: number; step: number }) => (
    <Field id={`${id}-${key}`} label={label}>
      <input
        id={`${id}-${key}`}
        type="number"
        {...attrs}
        value={(choices[key] as number | undefined) ?? ''}
        onChange={(e) => set({ [key]: e.target.value === '' ? undefined : Number(e.target.value) })}
      />
    </Field>
  );
  const text = (key: keyof ExportChoices, label: string, placeholder: string, type = 'text') => (
    <Field id={`${id}-${key}`} label={label}>
      <input
        id={`${id}-${key}`}
        type={type}
        placeholder={placeholder}
        value={(choices[key] as string | undefined) ?? ''}
        onChange={(e) => set({ [key]: e.target.value === '' ? undefined : e.target.value })}
      />
    </Field>
  );
  const check = (key: keyof ExportChoices, label: string, fallback: boolean) => (
    <label className="check">
      <input
        type="checkbox"
        checked={(choices[key] as boolean | undefined) ?? fallback}
        onChange={(e) => set({ [key]: e.target.checked })}
      />
      {label}
    </label>
  );

  return (
    <div className="stack">
      <div className="row">
        {select('format', 'Format', formats, 'openai-chat')}
        {select('fileFormat', 'File', EXPORT_FILE_FORMATS, 'jsonl')}
      </div>
      <p className="hint">{FORMAT_DESCRIPTIONS[choices.format]}</p>
      <fieldset className="stack">
        <legend>Pairs and aggregation</legend>
        <p className="hint">Tied outputs never make a pair; the rankings format keeps ties as equal ranks.</p>
        <div className="row">
          {select('pairs', 'Pairs from rankings', PAIR_STRATEGIES, 'all')}
          {select('aggregation', 'Aggregation', EXPORT_AGGREGATIONS, 'per-annotator')}
          {select('consensus', 'Consensus method', CONSENSUS_METHODS, 'majority')}
          {number('minAgreement', 'Consensus: min pair agreement', { min: 0, max: 1, step: 0.05 })}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>Filters</legend>
        <div className="row">
          {number('minAnnotations', 'Min annotations per item', { min: 1, max: 1000, step: 1 })}
          {number('minItemAgreement', 'Min item agreement', { min: 0, max: 1, step: 0.05 })}
          {number('minGoldAccuracy', 'Min annotator gold accuracy', { min: 0, max: 1, step: 0.05 })}
          {text('from', 'Submitted from', '', 'date')}
          {text('to', 'Submitted before', '', 'date')}
          {text('metadata', 'Metadata match', 'lang=en,source=web')}
          {text('flags', 'Flags that rule an output out', 'unsafe,harmful')}
        </div>
        <div className="row">
          {check('reviewedOnly', 'Only reviewed (accepted or corrected)', false)}
          {check('preferCorrected', "Prefer reviewers' corrections", true)}
          {check('preferAdjudicated', 'Prefer adjudicated answers', true)}
          {check('includeGold', 'Include gold items', false)}
          {check('skipFlagged', 'Never choose flagged outputs', true)}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>Split</legend>
        <div className="row">
          {select('split', 'Side', EXPORT_SPLITS, 'all')}
          {number('testFraction', 'Test fraction', { min: 0.01, max: 0.99, step: 0.01 })}
          {number('seed', 'Seed', { min: 0, max: 2 ** 31, step: 1 })}
        </div>
      </fieldset>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
