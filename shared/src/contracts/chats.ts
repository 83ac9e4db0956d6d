import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { messageSchema } from '../messages.ts';
import { draftAnswersSchema } from './tasks.ts';

/**
 * Live chat tasks (project kind `chat`, modules/chats). Everything here is what the annotator sees: candidates are
 * labelled A, B, ... in an order randomised per turn, and no payload names a connection or a model (blindness, tested
 * at the API). Researchers get the provenance in exports.
 */

export const CHAT_CANDIDATE_STATES = ['streaming', 'done', 'stopped', 'error', 'interrupted'] as const;
export type ChatCandidateState = (typeof CHAT_CANDIDATE_STATES)[number];

export const chatCandidateErrorSchema = z.object({
  /** The model client's error kind (`rate_limited`, `server_error`, `timeout`, ...) or `budget`. */
  kind: z.string(),
  message: z.string(),
});

/**
 * One candidate reply. `interrupted`: the page went away mid-stream (a reload): the text received so far is kept and
 * shown, and the candidate must be regenerated before it can be chosen. `stopped`: the annotator stopped it (it may
 * still be chosen, as it stands).
 */
export const chatCandidateSchema = z.object({
  id: z.string().uuid(),
  label: z.string(),
  content: z.string(),
  state: z.enum(CHAT_CANDIDATE_STATES),
  finishReason: z.string().nullable(),
  error: chatCandidateErrorSchema.nullable(),
});
export type ChatCandidate = z.infer<typeof chatCandidateSchema>;

export const chatTurnSchema = z.object({
  turnNo: z.number().int().min(1),
  user: z.object({ id: z.string().uuid(), content: z.string() }),
  /** In the order shown (label A first). */
  candidates: z.array(chatCandidateSchema),
  /** Answers so far (a draft) or as completed. */
  answers: draftAnswersSchema.nullable(),
  draftEdit: z.string().nullable(),
  chosenId: z.string().uuid().nullable(),
  /** The annotator's rewrite of the chosen reply (completed turns), which the conversation continues from. */
  edited: z.object({ id: z.string().uuid(), content: z.string() }).nullable(),
  completed: z.boolean(),
});
export type ChatTurn = z.infer<typeof chatTurnSchema>;

export const chatSessionSchema = z.object({
  id: z.string().uuid(),
  leaseId: z.string().uuid(),
  state: z.enum(['open', 'submitted']),
  systemPrompt: z.string(),
  /** The conversation starter (imported prefix; empty: the annotator writes the first user turn). */
  prefix: z.array(messageSchema),
  turns: z.array(chatTurnSchema),
  turnLimit: z.number().int(),
  tokenBudget: z.number().int(),
  tokensUsed: z.number().int(),
  startedAt: z.string(),
  /** After this instant no new model call is made (time budget). */
  deadline: z.string(),
});
export type ChatSession = z.infer<typeof chatSessionSchema>;
export const chatSessionResponse = z.object({ session: chatSessionSchema });

export const chatTurnBody = z.object({ content: z.string().trim().min(1).max(20_000) }).strict();
export type ChatTurnBody = z.infer<typeof chatTurnBody>;

export const chatTurnParams = z.object({ leaseId: z.string().uuid(), turnNo: z.coerce.number().int().min(1) });
export const chatCandidateParams = z.object({ leaseId: z.string().uuid(), candidateId: z.string().uuid() });

export const chatTurnDraftBody = z
  .object({
    answers: draftAnswersSchema,
    draftEdit: z.string().max(100_000).nullable().optional(),
  })
  .strict();
export type ChatTurnDraftBody = z.infer<typeof chatTurnDraftBody>;

/**
 * Completes a turn: the per-turn template's answers over this turn's candidate ids, the reply chosen (it must be in
 * the top group of a preference answer, when the template has one), and optionally its edit (an SFT demonstration).
 */
export const completeChatTurnBody = z
  .object({
    answers: answersSchema,
    chosenId: z.string().uuid(),
    editedText: z.string().trim().min(1).max(100_000).optional(),
  })
  .strict();
export type CompleteChatTurnBody = z.infer<typeof completeChatTurnBody>;

/**
 * Server-sent events of a turn or a regeneration (`text/event-stream`, one JSON object per `data:` line). `turn`
 * comes first with the candidates (empty), then deltas as they arrive, `candidate` when one ends (done, stopped,
 * error, interrupted), and `end` last.
 */
export const chatStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('turn'), turn: chatTurnSchema }),
  z.object({
    type: z.literal('delta'),
    candidateId: z.string().uuid(),
    text: z.string(),
    /**
     * First delta of a candidate only: when that first token reached the server (ms since the epoch), so the page can
     * measure the streaming latency Feedbench adds (first token at the browser minus first token at the server).
     */
    firstAt: z.number().optional(),
  }),
  z.object({ type: z.literal('candidate'), candidate: chatCandidateSchema, tokensUsed: z.number().int() }),
  /** A regeneration: `replaces` is superseded by `candidate` (same label and position). */
  z.object({ type: z.literal('replaced'), replaces: z.string().uuid(), candidate: chatCandidateSchema }),
  z.object({ type: z.literal('end') }),
]);
export type ChatStreamEvent = z.infer<typeof chatStreamEventSchema>;

export const chatStopResponse = z.object({ stopped: z.boolean() });
