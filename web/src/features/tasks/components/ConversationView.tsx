import type { Message } from '@feedbench/shared';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

/** The prompt as a chat transcript; every turn is untrusted Markdown, shown as written (MarkdownView sets dir). */
export function ConversationView({ conversation }: { conversation: Message[] }) {
  const t = useMessages(taskMessages);
  return (
    <section className="conversation" aria-label={t('conversation')}>
      <ol>
        {conversation.map((message, index) => {
          const role = t(`role_${message.role}`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
            <li key={index} className={`turn turn-${message.role}`} aria-label={t('roleMessage', { role })}>
              <span className="turn-role">{role}</span>
              <MarkdownView text={message.content} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
