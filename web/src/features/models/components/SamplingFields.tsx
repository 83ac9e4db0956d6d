import type { SamplingParams } from '@feedbench/shared';
import { useId } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { modelsMessages } from '../models.messages.ts';

/** The fields as typed (empty: not set). */
export type SamplingText = { temperature: string; topP: string; maxTokens: string; seed: string };

export const samplingToText = (params: SamplingParams): SamplingText => ({
  temperature: params.temperature?.toString() ?? '',
  topP: params.topP?.toString() ?? '',
  maxTokens: params.maxTokens?.toString() ?? '',
  seed: params.seed?.toString() ?? '',
});

/** Only the fields filled in; the server checks the ranges and names a bad field. */
export function samplingFromText(text: SamplingText): SamplingParams {
  const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
  const params: SamplingParams = {};
  const temperature = number(text.temperature);
  const topP = number(text.topP);
  const maxTokens = number(text.maxTokens);
  const seed = number(text.seed);
  if (temperature !== undefined) params.temperature = temperature;
  if (topP !== undefined) params.topP = topP;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (seed !== undefined) params.seed = seed;
  return params;
}

/** Temperature, top p, max tokens and seed, each optional. */
export function SamplingFields({ value, onChange }: { value: SamplingText; onChange: (next: SamplingText) => void }) {
  const t = useMessages(modelsMessages);
  const id = useId();
  const field = (key: keyof SamplingText, label: string, attributes: { min: number; max?: number; step: string }) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="decimal"
        {...attributes}
        value={value[key]}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <div className="row">
      {field('temperature', t('temperatureLabel'), { min: 0, max: 2, step: '0.1' })}
      {field('topP', t('topPLabel'), { min: 0, max: 1, step: '0.05' })}
      {field('maxTokens', t('maxTokensLabel'), { min: 1, step: '1' })}
      {field('seed', t('seedLabel'), { min: 0, step: '1' })}
    </div>
  );
}
