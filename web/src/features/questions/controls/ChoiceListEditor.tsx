import type { Choice } from '@feedbench/shared';
import { useId } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { questionMessages } from '../questions.messages.ts';

interface ChoiceListEditorProps {
  /** What each row is: names the rows for screen readers and the button that adds one. */
  noun: 'option' | 'flag' | 'attribute';
  choices: Choice[];
  onChange: (choices: Choice[]) => void;
  min?: number;
  max: number;
}

/** Turns a label into a stored id: lowercase words joined by dashes, starting with a letter. */
export function slugId(label: string, taken: string[]): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '')
      .slice(0, 32) || 'choice';
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** Rows of (label, stored id, description) with add and remove: options, flags and attributes alike. */
export function ChoiceListEditor({ noun, choices, onChange, min = 1, max }: ChoiceListEditorProps) {
  const t = useMessages(questionMessages);
  const id = useId();
  const name = t(`noun_${noun}`);
  const lower = t(`nounLower_${noun}`);
  const set = (index: number, patch: Partial<Choice>) =>
    onChange(choices.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <div className="choice-editor stack">
      <table>
        <thead>
          <tr>
            <th scope="col">{name}</th>
            <th scope="col">{t('storedId')}</th>
            <th scope="col">{t('description')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {choices.map((choice, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; ids may be mid-edit duplicates
            <tr key={index}>
              <td>
                <input
                  aria-label={t('rowLabel', { noun: name, n: index + 1 })}
                  value={choice.label}
                  maxLength={200}
                  onChange={(e) => set(index, { label: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('rowId', { noun: name, n: index + 1 })}
                  value={choice.id}
                  maxLength={40}
                  onChange={(e) => set(index, { id: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('rowDescription', { noun: name, n: index + 1 })}
                  value={choice.description}
                  maxLength={500}
                  onChange={(e) => set(index, { description: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('removeRow', { noun: lower, n: index + 1 })}
                  disabled={choices.length <= min}
                  onClick={() => onChange(choices.filter((_, i) => i !== index))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        id={`${id}-add`}
        disabled={choices.length >= max}
        onClick={() => {
          const label = t('newChoice', { noun: name, n: choices.length + 1 });
          onChange([
            ...choices,
            {
              id: slugId(
                label,
                choices.map((c) => c.id),
              ),
              label,
              description: '',
            },
          ]);
        }}
      >
        {t('addChoice', { noun: lower })}
      </button>
    </div>
  );
}
