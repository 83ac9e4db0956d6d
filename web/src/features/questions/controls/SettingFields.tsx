/** The template builder's small fields for a type's settings (labels are what researchers and tests read). */

export function SettingCheck({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function SettingNumber({
  id,
  label,
  value,
  onChange,
  max = 10,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  max?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={0} max={max} value={value} onChange={(e) => onChange(Number(e.target.value))} />
    </div>
  );
}
