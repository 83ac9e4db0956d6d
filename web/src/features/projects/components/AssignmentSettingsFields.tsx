import { ORDERING_POLICIES, type OrderingPolicy } from '@feedbench/shared';
import { useMessages } from '../../../i18n/messages.ts';
import { orderingMessages } from '../ordering.messages.ts';
import { projectMessages } from '../projects.messages.ts';

export interface AssignmentSettings {
  overlapTarget: number;
  leaseMinutes: number;
  ordering: OrderingPolicy;
}

/** Overlap, lease length and ordering policy: the settings that decide who annotates what, and for how long. */
export function AssignmentSettingsFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: AssignmentSettings;
  onChange: (next: AssignmentSettings) => void;
}) {
  const t = useMessages(projectMessages);
  const ordering = useMessages(orderingMessages);
  return (
    <div className="row settings-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-overlap`}>{t('annotatorsPerItem')}</label>
        <input
          id={`${idPrefix}-overlap`}
          type="number"
          min={1}
          max={50}
          step={1}
          required
          value={value.overlapTarget}
          aria-describedby={`${idPrefix}-overlap-hint`}
          onChange={(e) => onChange({ ...value, overlapTarget: e.target.valueAsNumber })}
        />
        <span id={`${idPrefix}-overlap-hint`} className="hint">
          {t('overlapHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-lease`}>{t('leaseLength')}</label>
        <input
          id={`${idPrefix}-lease`}
          type="number"
          min={1}
          max={1440}
          step="any"
          required
          value={value.leaseMinutes}
          aria-describedby={`${idPrefix}-lease-hint`}
          onChange={(e) => onChange({ ...value, leaseMinutes: e.target.valueAsNumber })}
        />
        <span id={`${idPrefix}-lease-hint`} className="hint">
          {t('leaseHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-ordering`}>{ordering('label')}</label>
        <select
          id={`${idPrefix}-ordering`}
          value={value.ordering}
          aria-describedby={`${idPrefix}-ordering-hint`}
          onChange={(e) => onChange({ ...value, ordering: e.target.value as OrderingPolicy })}
        >
          {ORDERING_POLICIES.map((o) => (
            <option key={o} value={o}>
              {ordering(o)}
            </option>
          ))}
        </select>
        <span id={`${idPrefix}-ordering-hint`} className="hint">
          {ordering(`${value.ordering}-hint`)}
        </span>
      </div>
    </div>
  );
}

export const DEFAULT_ASSIGNMENT_SETTINGS: AssignmentSettings = {
  overlapTarget: 1,
  leaseMinutes: 30,
  ordering: 'closest-to-completion',
};
