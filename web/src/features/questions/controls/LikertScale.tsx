import { type KeyboardEvent, useId } from 'react';
import { ANSWER_STOP, advanceFocus } from './answer-focus.ts';

interface LikertScaleProps {
  /** Accessible name of the whole scale, e.g. "Overall quality for output A". */
  label: string;
  min: number;
  max: number;
  /** Words for the points that have them (`scalePointLabels` in shared), shown under the point and in its name. */
  pointLabels?: readonly { value: number; label: string }[];
  /** Extra description read with the scale (e.g. what the attribute means). */
  description?: string;
  value: number | undefined;
  onChange: (value: number) => void;
  /** What this scale answers, for focus moves (see answer-focus.ts). */
  stopKey: string;
}

/**
 * A row of radio buttons from min to max (InstructGPT's 1-7 overall quality, HelpSteer2's 0-4), each point with its
 * label when the template gives one ("1: Terrible"), shown under it and part of the radio's accessible name. Arrow
 * keys move along it as in any radio group; a digit picks that value and moves on to the next question.
 */
export function LikertScale({
  label,
  min,
  max,
  pointLabels = [],
  description,
  value,
  onChange,
  stopKey,
}: LikertScaleProps) {
  const id = useId();
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const labels = new Map(pointLabels.filter((p) => p.label).map((p) => [p.value, p.label]));

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[0-9]$/.test(event.key)) return;
    const point = Number(event.key);
    if (point < min || point > max) return;
    event.preventDefault();
    onChange(point);
    advanceFocus(event.currentTarget);
  }

  return (
    <div
      className="likert"
      role="radiogroup"
      aria-label={label}
      aria-describedby={description ? `${id}-description` : undefined}
      aria-keyshortcuts={max <= 9 ? `${min}-${max}` : undefined}
      onKeyDown={onKeyDown}
      {...{ [ANSWER_STOP]: stopKey }}
    >
      <div className={labels.size > 0 ? 'likert-points labelled' : 'likert-points'}>
        {points.map((point) => {
          const pointLabel = labels.get(point);
          return (
            <label key={point} className={value === point ? 'likert-point checked' : 'likert-point'}>
              <input
                type="radio"
                name={`${id}-value`}
                value={point}
                checked={value === point}
                aria-label={pointLabel ? `${point}: ${pointLabel}` : undefined}
                onChange={() => onChange(point)}
              />
              <span>{point}</span>
              {pointLabel && (
                <small className="likert-point-label" aria-hidden="true">
                  {pointLabel}
                </small>
              )}
            </label>
          );
        })}
      </div>
      {labels.size > 0 && (
        // Narrow columns (side-by-side outputs) have no room under each point: the same labels as one line.
        <p className="likert-legend" aria-hidden="true">
          {[...labels].map(([point, pointLabel]) => `${point} ${pointLabel}`).join(' · ')}
        </p>
      )}
      {description && (
        <span id={`${id}-description`} className="visually-hidden">
          {description}
        </span>
      )}
    </div>
  );
}
