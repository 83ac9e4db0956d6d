import { type QuestionOf, scalePointLabels } from '@feedbench/shared';
import { useId } from 'react';
import { qt } from '../questions.messages.ts';

type Rating = QuestionOf<'rating'>;

/**
 * One optional label per point of a rating scale (1 = "Terrible" ... 7 = "Excellent", any subset). Editing moves the
 * older end labels (minLabel/maxLabel) into the point labels, so one list says what every point is called.
 */
export function ScalePointLabelsEditor({
  question,
  onChange,
}: {
  question: Rating;
  onChange: (patch: Pick<Rating, 'pointLabels' | 'minLabel' | 'maxLabel'>) => void;
}) {
  const id = useId();
  const points = scalePointLabels(question);
  const setLabel = (value: number, label: string) =>
    onChange({
      minLabel: '',
      maxLabel: '',
      pointLabels: points.map((p) => (p.value === value ? { value, label } : p)).filter((p) => p.label.trim() !== ''),
    });
  return (
    <fieldset className="point-labels">
      <legend className="field-label">{qt('pointLabelsLegend')}</legend>
      <div className="row wrap">
        {points.map((point) => (
          <div className="field" key={point.value}>
            <label htmlFor={`${id}-${point.value}`}>{qt('labelOfPoint', { value: point.value })}</label>
            <input
              id={`${id}-${point.value}`}
              value={point.label}
              maxLength={60}
              size={10}
              onChange={(event) => setLabel(point.value, event.target.value)}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
