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
import { useMessages } from '../../../i18n/messages.ts';
import type { ExportChoices } from '../api/export-url.ts';
import { exportMessages } from '../exports.messages.ts';

// A format the server gains shows up with its name alone until it is described in the catalog.
type Key = keyof (typeof exportMessages)['en'];
const describes = (format: ExportFormat): format is ExportFormat & (Key extends `format_${infer F}` ? F : never) =>
  `format_${format}` in exportMessages.en;

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
  const t = useMessages(exportMessages);
  const preference: readonly string[] = PREFERENCE_EXPORT_FORMATS;
  const chatOnly: readonly string[] = CHAT_ONLY_EXPORT_FORMATS;
  // The message tree is written from live chat conversations only.
  const formats = EXPORT_FORMATS.filter(
    (f) => !(kind === 'demonstration' && preference.includes(f)) && (kind === 'chat' || !chatOnly.includes(f)),
  );
  const id = useId();
  const set = (patch: Partial<ExportChoices>) => onChange({ ...choices, ...patch });
  const select = <T extends string>(
    key: keyof ExportChoices,
    label: string,
    values: readonly T[],
    fallback: T,
    optionLabel: (value: T) => string = (value) => value,
  ) => (
    <Field id={`${id}-${key}`} label={label}>
      <select
        id={`${id}-${key}`}
        value={(choices[key] as string | undefined) ?? fallback}
        onChange={(e) => set({ [key]: e.target.value } as Partial<ExportChoices>)}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {optionLabel(v)}
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
        {select('format', t('format'), formats, 'openai-chat')}
        {select('fileFormat', t('file'), EXPORT_FILE_FORMATS, 'jsonl')}
      </div>
      <p className="hint">{describes(choices.format) ? t(`format_${choices.format}`) : ''}</p>
      <fieldset className="stack">
        <legend>{t('pairsAndAggregation')}</legend>
        <p className="hint">{t('tiesHint')}</p>
        <div className="row">
          {select('pairs', t('pairsFromRankings'), PAIR_STRATEGIES, 'all', (v) => t(`pairs_${v}`))}
          {select('aggregation', t('aggregation'), EXPORT_AGGREGATIONS, 'per-annotator', (v) => t(`aggregation_${v}`))}
          {select('consensus', t('consensusMethod'), CONSENSUS_METHODS, 'majority', (v) => t(`consensus_${v}`))}
          {number('minAgreement', t('minPairAgreement'), { min: 0, max: 1, step: 0.05 })}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('filters')}</legend>
        <div className="row">
          {number('minAnnotations', t('minAnnotations'), { min: 1, max: 1000, step: 1 })}
          {number('minItemAgreement', t('minItemAgreement'), { min: 0, max: 1, step: 0.05 })}
          {number('minGoldAccuracy', t('minGoldAccuracy'), { min: 0, max: 1, step: 0.05 })}
          {text('from', t('submittedFrom'), '', 'date')}
          {text('to', t('submittedBefore'), '', 'date')}
          {text('metadata', t('metadataMatch'), 'lang=en,source=web')}
          {text('flags', t('flagsRuleOut'), 'unsafe,harmful')}
        </div>
        <div className="row">
          {check('reviewedOnly', t('reviewedOnly'), false)}
          {check('preferCorrected', t('preferCorrected'), true)}
          {check('preferAdjudicated', t('preferAdjudicated'), true)}
          {check('includeGold', t('includeGold'), false)}
          {check('includeJudges', t('includeJudges'), false)}
          {check('skipFlagged', t('skipFlagged'), true)}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('split')}</legend>
        <div className="row">
          {select('split', t('side'), EXPORT_SPLITS, 'all', (v) => t(`split_${v}`))}
          {number('testFraction', t('testFraction'), { min: 0.01, max: 0.99, step: 0.01 })}
          {number('seed', t('seed'), { min: 0, max: 2 ** 31, step: 1 })}
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
