import { useId } from 'react';

interface LikertScaleProps {
  /** Accessible name of the whole scale, e.g. "Overall quality for output A". */
  label: string;
  min: number;
  max: number;
  minLabel?: string;
  maxLabel?: string;
  value: number | undefined;
  onChange: (value: number) => void;
}

/** A row of radio buttons from min to max (InstructGPT's 1–7 overall quality), anchored by its end labels. */
export function LikertScale({ label, min, max, minLabel, maxLabel, value, onChange }: LikertScaleProps) {
  const id = useId();
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const anchors = [minLabel && `${min} = ${minLabel}`, maxLabel && `${max} = ${maxLabel}`].filter(Boolean).join(', ');
  return (
    <div
      className="likert"
      role="radiogroup"
      aria-label={label}
      aria-describedby={anchors ? `${id}-anchors` : undefined}
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
      {anchors && (
        <span id={`${id}-anchors`} className="visually-hidden">
          {anchors}
        </span>
      )}
    </div>
  );
}
