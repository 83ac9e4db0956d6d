import type { ChatSession, ChatStreamEvent, Question } from '@feedbench/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import {
  chatSessionQueryOptions,
  streamRegenerate,
  streamTurn,
  useChatSession,
  useChatTask,
} from '../api/chat-session.ts';
import { stopCandidate, useSubmitChat } from '../api/chat-turn.ts';
import { chatMessages } from '../chat.messages.ts';
import { TurnPanel } from './TurnPanel.tsx';

/** A stream event applied to the cached conversation: the candidates grow as their deltas arrive. */
function applyEvent(session: ChatSession, event: ChatStreamEvent): ChatSession {
  if (event.type === 'turn') {
    const others = session.turns.filter((t) => t.turnNo !== event.turn.turnNo);
    return { ...session, turns: [...others, event.turn] };
  }
  const mapCandidates = (change: (c: ChatSession['turns'][number]['candidates'][number]) => typeof c) => ({
    ...session,
    turns: session.turns.map((t) => ({ ...t, candidates: t.candidates.map(change) })),
  });
  if (event.type === 'delta') {
    return mapCandidates((c) => (c.id === event.candidateId ? { ...c, content: c.content + event.text } : c));
  }
  if (event.type === 'candidate') {
    const next = mapCandidates((c) => (c.id === event.candidate.id ? event.candidate : c));
    return { ...next, tokensUsed: event.tokensUsed };
  }
  if (event.type === 'replaced') return mapCandidates((c) => (c.id === event.replaces ? event.candidate : c));
  return session;
}

/** A live chat task: the conversation so far, the open turn's candidates, the next user turn, and submit. */
export function ChatWorkspace({ projectId, questions }: { projectId: string; questions: Question[] }) {
  const t = useMessages(chatMessages);
  const task = useChatTask(projectId);
  if (task.isPending)
    return (
      <p className="muted" role="status" aria-live="polite">
        {t('loading')}
      </p>
    );
  if (task.isError) return <ErrorNotice error={task.error} title={t('loadFailed')} />;
  const current = task.data.task;
  if (!current) {
    return (
      <div className="card stack">
        <p>{t('noTask')}</p>
        <button type="button" onClick={() => void task.refetch()}>
          {t('checkAgain')}
        </button>
      </div>
    );
  }
  return <Conversation key={current.leaseId} projectId={projectId} leaseId={current.leaseId} questions={questions} />;
}

function Conversation({
  projectId,
  leaseId,
  questions,
}: {
  projectId: string;
  leaseId: string;
  questions: Question[];
}) {
  const t = useMessages(chatMessages);
  const format = useFormat();
  const queryClient = useQueryClient();
  const session = useChatSession(leaseId);
  const submit = useSubmitChat(projectId);
  const [message, setMessage] = useState('');
  const [streamError, setStreamError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { queryKey } = chatSessionQueryOptions(leaseId);
  const apply = (event: ChatStreamEvent) => {
    // The streaming latency Feedbench adds, measured per candidate: its first token here minus at the server
    // (e2e/specs/annotator-chats-live.spec.ts and bench-chat-latency.spec.ts read these marks).
    if (event.type === 'delta' && event.firstAt !== undefined) {
      performance.mark('feedbench:chat-first-token', {
        detail: { candidateId: event.candidateId, serverAt: event.firstAt, browserAt: Date.now() },
      });
    }
    queryClient.setQueryData(queryKey, (old: ChatSession | undefined) => (old ? applyEvent(old, event) : old));
  };
  // Streams this page is reading; a candidate `streaming` with none (after a reload) is polled until the server
  // has stored what it received (it marks it interrupted as soon as it sees the old page's request closed).
  const [active, setActive] = useState(0);
  const orphaned =
    active === 0 && (session.data?.turns ?? []).some((t) => t.candidates.some((c) => c.state === 'streaming'));
  useEffect(() => {
    if (!orphaned) return;
    const timer = window.setTimeout(() => void queryClient.invalidateQueries({ queryKey }), 1000);
    return () => window.clearTimeout(timer);
  });
  const run = async (stream: Promise<void>) => {
    setStreamError(null);
    setActive((n) => n + 1);
    try {
      await stream;
    } catch (error) {
      setStreamError(errorMessage(error));
    } finally {
      setActive((n) => n - 1);
      await queryClient.invalidateQueries({ queryKey });
    }
  };

  if (session.isPending)
    return (
      <p className="muted" role="status" aria-live="polite">
        {t('loading')}
      </p>
    );
  if (session.isError) return <ErrorNotice error={session.error} title={t('loadFailed')} />;
  const chat = session.data;
  const open = chat.turns.find((turn) => !turn.completed);
  const completed = chat.turns.filter((turn) => turn.completed);
  const atLimit = chat.turns.length >= chat.turnLimit;
  const conversation = [
    ...chat.prefix,
    ...completed.flatMap((turn) => {
      const reply = turn.edited?.content ?? turn.candidates.find((c) => c.id === turn.chosenId)?.content ?? '';
      return [
        { role: 'user' as const, content: turn.user.content },
        { role: 'assistant' as const, content: reply },
      ];
    }),
  ];

  async function send(event: FormEvent) {
    event.preventDefault();
    const content = message.trim();
    if (!content) return;
    setSending(true);
    setMessage('');
    await run(streamTurn(leaseId, content, apply));
    setSending(false);
  }

  if (submit.isSuccess) {
    return (
      <div className="card stack" role="status">
        <p>{t('submitted')}</p>
      </div>
    );
  }

  return (
    <div className="stack chat">
      <p className="muted">
        {t('budget', { used: format.integer(chat.tokensUsed), budget: format.integer(chat.tokenBudget) })} ·{' '}
        {t('deadline', { time: format.dateTime(chat.deadline) })}
      </p>
      {chat.systemPrompt && (
        <details className="card">
          <summary>{t('systemPrompt')}</summary>
          <p dir="auto">{chat.systemPrompt}</p>
        </details>
      )}
      {conversation.length > 0 && (
        <section className="card conversation" aria-label={t('starter')}>
          <ol>
            {conversation.map((m, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
              <li key={index} className={`turn turn-${m.role}`} dir="auto">
                <span className="turn-role">
                  {m.role === 'user' ? t('you') : m.role === 'assistant' ? t('assistant') : t('systemPrompt')}
                </span>
                <MarkdownView text={m.content} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {open && (
        <section className="stack" aria-label={t('turnHeading', { turn: open.turnNo, limit: chat.turnLimit })}>
          <h2>{t('turnHeading', { turn: open.turnNo, limit: chat.turnLimit })}</h2>
          <div className="turn turn-user card" dir="auto">
            <span className="turn-role">{t('you')}</span>
            <MarkdownView text={open.user.content} />
          </div>
          <TurnPanel
            key={`${open.turnNo}:${open.candidates.map((c) => c.id).join(',')}`}
            leaseId={leaseId}
            turn={open}
            questions={questions}
            conversation={[...conversation, { role: 'user', content: open.user.content }]}
            onStop={(candidateId) => void stopCandidate(leaseId, candidateId).catch(() => {})}
            onRegenerate={(candidateId) => void run(streamRegenerate(leaseId, candidateId, apply))}
          />
        </section>
      )}
      {streamError && (
        <p className="notice error" role="alert">
          {streamError}
        </p>
      )}
      {!open && !atLimit && (
        <form className="card stack" onSubmit={send}>
          <div className="field">
            <label htmlFor="chat-message">{t('messageLabel')}</label>
            <textarea
              id="chat-message"
              dir="auto"
              rows={3}
              value={message}
              placeholder={t('messagePlaceholder')}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={sending || !message.trim()}>
              {t('send')}
            </button>
          </div>
        </form>
      )}
      {!open && atLimit && <p className="notice">{t('turnLimitReached')}</p>}
      {!open && completed.length > 0 && (
        <div className="actions">
          {submit.isError && (
            <p className="notice error" role="alert">
              {errorMessage(submit.error)}
            </p>
          )}
          <button
            type="button"
            className={atLimit ? 'primary' : ''}
            disabled={submit.isPending}
            onClick={() => submit.mutate({ leaseId })}
          >
            {submit.isPending ? t('submitting') : t('submit')}
          </button>
        </div>
      )}
    </div>
  );
}
