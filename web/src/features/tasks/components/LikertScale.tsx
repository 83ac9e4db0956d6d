import { type KeyboardEvent, useId } from 'react';
import { ANSWER_STOP, moveFocus } from '../hooks/answer-focus.ts';

interface LikertScaleProps {
  /** Accessible name of the whole scale, e.g. "Overall quality for output A". */
  label: string;
  min: number;
  max: number;
  minLabel?: string;
  maxLabel?: string;
  /** Extra description read with the scale (e.g. what the attribute means). */
  description?: string;
  value: number | undefined;
  onChange: (value: number) => void;
  /** What this scale answers, for focus moves (see answer-focus.ts). */
  stopKey: string;
}

/**
 * A row of radio buttons from min to max (InstructGPT's 1-7 overall quality, HelpSteer2's 0-4), anchored by its end
 * labels. Arrow keys move along it as in any radio group; a digit picks that value and moves on to the next question.
 */
export function LikertScale({
  label,
  min,
  max,
  minLabel,
  maxLabel,
  description,
  value,
  onChange,
  stopKey,
}: LikertScaleProps) {
  const id = useId();
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const anchors = [minLabel && `${min} = ${minLabel}`, maxLabel && `${max} = ${maxLabel}`].filter(Boolean).join(', ');
  const described = [description, anchors].filter(Boolean).join('. ');

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[0-9]$/.test(event.key)) return;
    const point = Number(event.key);
    if (point < min || point > max) return;
    event.preventDefault();
    onChange(point);
    moveFocus(1, event.currentTarget);
  }

  return (
    <div
      className="likert"
      role="radiogroup"
      aria-label={label}
      aria-describedby={described ? `${id}-anchors` : undefined}
      aria-keyshortcuts={max <= 9 ? `${min}-${max}` : undefined}
      onKeyDown={onKeyDown}
      {...{ [ANSWER_STOP]: stopKey }}
    >
      <div className="likert-points">
        {points.map((point) => (
          <label key={point} className={value === point ? 'likert-point checked' : 'likert-point'}>
            <input
              type="radio"
              name={`${id}-value`}
              value={point}
              checked={value === point}
              onChange={() => onChange(point)}
            />
            <span>{point}</span>
          </label>
        ))}
      </div>
      {anchors && (
        <div className="likert-anchors" aria-hidden="true">
          <span>{minLabel}</span>
          <span>{maxLabel}</span>
        </div>
      )}
      {described && (
        <span id={`${id}-anchors`} className="visually-hidden">
          {described}
        </span>
      )}
    </div>
  );
}
