import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A model's score, whatever its scale: plain with 3 decimals, scientific when that would be a wall of digits or show
 * nothing (a reward model may answer 1e308 or 1e-9).
 */
export function scoreFormatter(locale: string): (n: number) => string {
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const scientific = new Intl.NumberFormat(locale, { notation: 'scientific', maximumSignificantDigits: 4 });
  return (n) => (n !== 0 && (Math.abs(n) >= 1e6 || Math.abs(n) < 1e-3) ? scientific : decimal).format(n);
}

/** Numbers, percentages and dates in the UI language's conventions (Intl does the work; we only pick the locale). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return {
      locale,
      integer: (n: number) => integer.format(n),
      decimal: (n: number) => decimal.format(n),
      score: scoreFormatter(locale),
      /** Exactly `digits` decimals (scores and agreement figures compared side by side). */
      fixed: (n: number, digits: number) =>
        new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
      percent: (fraction: number) => percent.format(fraction),
      dateTime: (value: string | number | Date) => dateTime.format(new Date(value)),
      date: (value: string | number | Date) => date.format(new Date(value)),
      relative: (value: number, unit: Intl.RelativeTimeFormatUnit) => relative.format(value, unit),
    };
  }, [locale]);
}
