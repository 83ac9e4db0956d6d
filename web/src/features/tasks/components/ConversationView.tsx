import type { Message, MessageRole } from '@feedbench/shared';
import { MarkdownView } from '../../../components/MarkdownView.tsx';

const ROLE_LABELS: Record<MessageRole, string> = { system: 'System', user: 'User', assistant: 'Assistant' };

/** The prompt as a chat transcript; every turn is untrusted Markdown. */
export function ConversationView({ conversation }: { conversation: Message[] }) {
  return (
    <section className="conversation" aria-label="Conversation">
      <ol>
        {conversation.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
          <li key={index} className={`turn turn-${message.role}`} aria-label={`${ROLE_LABELS[message.role]} message`}>
            <span className="turn-role">{ROLE_LABELS[message.role]}</span>
            <MarkdownView text={message.content} />
          </li>
        ))}
      </ol>
    </section>
  );
}
