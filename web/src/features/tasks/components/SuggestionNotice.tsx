import type { TaskSuggestion } from '@feedbench/shared';
import { useMessages } from '../../../i18n/messages.ts';
import { suggestionMessages } from './suggestion.messages.ts';

/**
 * Says, before the outputs, that a model judge's answer was pre-filled (or, when the annotator's own draft was
 * restored instead, that it was not), so a suggestion is never mistaken for the annotator's own choice.
 */
export function SuggestionNotice({ suggestion, applied }: { suggestion: TaskSuggestion; applied: boolean }) {
  const t = useMessages(suggestionMessages);
  return (
    <aside className="notice suggestion" role="note" aria-label={t('title', { name: suggestion.judgeName })}>
      <strong>{t('title', { name: suggestion.judgeName })}</strong> {applied ? t('prefilled') : t('kept')}
    </aside>
  );
}
