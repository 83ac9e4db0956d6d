import type { ChatStreamEvent, Message } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { type ChatModelClient, candidateErrorOf, estimateTokens } from './chat-model.ts';
import { deadlineOf } from './chat-views.ts';
import { type ChatMessageRow, type ChatSessionRow, createChatsRepository } from './chats.repository.ts';
import type { ChatMessageState } from './chats.schema.ts';
import { createEventChannel, type EventChannel } from './event-channel.ts';

/** How often a streaming candidate's text is written back (a reload shows what was received up to then). */
const PROGRESS_EVERY_MS = 250;

/** Why a candidate's call was aborted: the annotator stopped it, the page went away, or the time budget ended. */
type AbortReason = 'stopped' | 'interrupted' | 'budget';

interface LiveCall {
  sessionId: string;
  controller: AbortController;
  reason?: AbortReason;
}

/**
 * Runs candidate calls: K concurrent streams per turn through the model client, deltas pushed to the turn's event
 * channel, the text saved as it grows, provenance and token usage stored when each ends. Live calls are tracked in
 * this process (stop reaches a call only on the instance that runs it; a call orphaned by a restart is marked
 * interrupted when the conversation is next opened).
 */
export function createCandidateRunner({ db, clock, models }: { db: Database; clock: Clock; models: ChatModelClient }) {
  const live = new Map<string, LiveCall>();
  const repo = createChatsRepository(db);

  async function runOne(
    session: ChatSessionRow,
    candidate: { message: ChatMessageRow; label: string },
    messages: Message[],
    channel: EventChannel<ChatStreamEvent>,
    signal: AbortSignal,
    maxTokens: number,
  ) {
    const { message, label } = candidate;
    const slot = session.candidates[message.slotNo ?? -1];
    const call: LiveCall = { sessionId: session.id, controller: new AbortController() };
    live.set(message.id, call);
    const abort = (reason: AbortReason) => {
      call.reason ??= reason;
      call.controller.abort();
    };
    const onPageGone = () => abort('interrupted');
    if (signal.aborted) onPageGone();
    signal.addEventListener('abort', onPageGone);
    // The time budget is enforced during the stream too: past the deadline the call is cut.
    const deadline = setTimeout(
      () => abort('budget'),
      Math.max(0, deadlineOf(session).getTime() - clock.now().getTime()),
    );
    let text = '';
    let saved = 0;
    let saving: Promise<void> = Promise.resolve();
    const finish = async (
      state: ChatMessageState,
      extra: { provenance?: ChatMessageRow['provenance']; error?: { kind: string; message: string } | null },
      tokens: number,
    ) => {
      await saving;
      await repo.finishMessage(message.id, {
        state,
        content: text,
        provenance: extra.provenance ?? undefined,
        error: extra.error ?? null,
      });
      const tokensUsed = await repo.addTokens(session.id, tokens);
      channel.push({
        type: 'candidate',
        tokensUsed,
        candidate: {
          id: message.id,
          label,
          content: text,
          state,
          finishReason: extra.provenance?.finishReason ?? null,
          error: extra.error ?? null,
        },
      });
    };
    const promptTokens = estimateTokens(messages.map((m) => m.content).join('\n'));
    const params = { ...(slot?.params ?? {}) };
    if (params.maxTokens === undefined || params.maxTokens > maxTokens) params.maxTokens = maxTokens;
    try {
      if (!slot) throw Object.assign(new Error('slot missing'), { kind: 'refused' });
      const result = await models.streamChat(
        slot.connectionId,
        { messages, params, signal: call.controller.signal },
        (delta) => {
          const first = text === '';
          text += delta;
          channel.push({
            type: 'delta',
            candidateId: message.id,
            text: delta,
            ...(first ? { firstAt: Date.now() } : {}),
          });
          const now = Date.now();
          if (now - saved >= PROGRESS_EVERY_MS) {
            saved = now;
            const snapshot = text;
            saving = saving.then(() => repo.saveProgress(message.id, snapshot)).catch(() => {});
          }
        },
      );
      text = result.text;
      const usage = result.usage;
      await finish(
        call.reason === 'stopped' ? 'stopped' : 'done',
        {
          provenance: {
            connectionId: slot.connectionId,
            model: result.model,
            params: result.params,
            finishReason: result.finishReason,
            usage,
            latencyMs: result.latencyMs,
            firstTokenMs: result.firstTokenMs,
          },
        },
        usage ? usage.promptTokens + usage.completionTokens : promptTokens + estimateTokens(text),
      );
    } catch (error) {
      // An aborted call was still paid for up to where it stopped: count what it received.
      const tokens = promptTokens + estimateTokens(text);
      const provenance = slot
        ? {
            connectionId: slot.connectionId,
            model: '',
            params,
            finishReason: null,
            usage: null,
            latencyMs: null,
            firstTokenMs: null,
          }
        : undefined;
      if (call.reason === 'stopped') await finish('stopped', { provenance }, tokens);
      else if (call.reason === 'interrupted') {
        await finish(
          'interrupted',
          { provenance, error: { kind: 'interrupted', message: 'The page was closed while this reply streamed.' } },
          tokens,
        );
      } else if (call.reason === 'budget') {
        await finish(
          'stopped',
          { provenance, error: { kind: 'budget', message: 'The time budget of this conversation ended.' } },
          tokens,
        );
      } else await finish('error', { provenance, error: candidateErrorOf(error) }, tokens);
    } finally {
      clearTimeout(deadline);
      signal.removeEventListener('abort', onPageGone);
      live.delete(message.id);
    }
  }

  return {
    channel: () => createEventChannel<ChatStreamEvent>(),

    /**
     * Starts the calls (not awaited: the channel carries their progress) and closes the channel with `end` once all
     * are stored. Each call's max tokens is capped by its share of the remaining token budget.
     */
    run(
      session: ChatSessionRow,
      candidates: { message: ChatMessageRow; label: string }[],
      messages: Message[],
      channel: EventChannel<ChatStreamEvent>,
      signal: AbortSignal,
    ) {
      const share = Math.max(1, Math.floor((session.tokenBudget - session.tokensUsed) / candidates.length));
      void Promise.allSettled(candidates.map((c) => runOne(session, c, messages, channel, signal, share))).then(() => {
        channel.push({ type: 'end' });
        channel.close();
      });
    },

    liveIds: (sessionId: string) => [...live].flatMap(([id, call]) => (call.sessionId === sessionId ? [id] : [])),
    isLive: (messageId: string) => live.has(messageId),

    stop(messageId: string): boolean {
      const call = live.get(messageId);
      if (!call) return false;
      call.reason ??= 'stopped';
      call.controller.abort();
      return true;
    },

    stopAll() {
      for (const call of live.values()) {
        call.reason ??= 'interrupted';
        call.controller.abort();
      }
    },
  };
}
