import { z } from 'zod';
import { MAX_RANKED_OUTPUTS, MIN_RANKED_OUTPUTS } from './constants.ts';
import { samplingParamsSchema } from './contracts/models.ts';

/** One candidate slot of a chat project: a model connection and the parameters this slot samples with. */
export const chatCandidateSlotSchema = z
  .object({
    connectionId: z.string().uuid(),
    params: samplingParamsSchema.default({}),
  })
  .strict();
export type ChatCandidateSlot = z.infer<typeof chatCandidateSlotSchema>;

/**
 * What a chat project runs (HH-RLHF, Bai et al. 2022 section 2.2; Llama 2, Touvron et al. 2023 section 3.2.1): K
 * candidate slots answer every user turn side by side (the same connection may fill several slots, e.g. at two
 * temperatures), an optional system prompt, the number of user turns per conversation, and per-task budgets the
 * server enforces (tokens over every call of the conversation, minutes since it started).
 */
export const chatSettingsSchema = z
  .object({
    candidates: z.array(chatCandidateSlotSchema).min(MIN_RANKED_OUTPUTS).max(MAX_RANKED_OUTPUTS),
    systemPrompt: z.string().max(20_000).default(''),
    turnLimit: z.number().int().min(1).max(50).default(3),
    /** Prompt plus completion tokens of every call made for one conversation (regenerations included). */
    tokenBudget: z.number().int().min(100).max(10_000_000).default(50_000),
    /** Minutes from the conversation's start after which no new call is made. */
    timeBudgetMinutes: z
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(60),
  })
  .strict();
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export type ChatSettingsInput = z.input<typeof chatSettingsSchema>;

/** What annotators see of a chat project's settings: never which connection fills which slot (blindness). */
export type AnnotatorChatSettings = Omit<ChatSettings, 'candidates'> & { candidateCount: number };
