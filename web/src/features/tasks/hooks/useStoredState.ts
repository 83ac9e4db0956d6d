import { useEffect, useState } from 'react';

/**
 * State kept in Web Storage under `key`: local for preferences that follow the annotator (layout), session for
 * counters of one sitting. Unreadable or missing values fall back to `initial`.
 */
export function useStoredState<T>(key: string, initial: T, storage: 'local' | 'session' = 'local') {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = (storage === 'local' ? localStorage : sessionStorage).getItem(key);
      return raw === null ? initial : (JSON.parse(raw) as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      (storage === 'local' ? localStorage : sessionStorage).setItem(key, JSON.stringify(value));
    } catch {
      // Private mode or a full quota: the preference lasts as long as the page.
    }
  }, [key, value, storage]);
  return [value, setValue] as const;
}
