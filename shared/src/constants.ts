/** Names that are part of the public contract: API, CLI, database and web use these and nothing else. */

export const USER_ROLES = ['admin', 'researcher', 'annotator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The languages the web UI is written in; an account remembers its choice (`PATCH /api/auth/me`). */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Per project: researchers run it, annotators annotate, reviewers check annotations (accept, reject, correct). */
export const MEMBER_ROLES = ['researcher', 'annotator', 'reviewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * `chat`: live conversations with K candidate models (the HH-RLHF / Llama 2 protocol): the project's template is
 * answered once per turn over that turn's candidates (modules/chats).
 */
export const TASK_KINDS = ['demonstration', 'ranking', 'chat'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/**
 * Sources of per-item selection scores (higher: humans teach more there), each with the ordering policy of the same
 * name that puts high scores first: existing human answers disagree; the reward-model scores of the outputs are close
 * (score = minus the smallest gap between two outputs' scores); judges disagree with each other or with the reward
 * model (scores written by the judges).
 */
export const SELECTION_SOURCES = ['human-disagreement', 'score-margin', 'judge-disagreement'] as const;
export type SelectionSource = (typeof SELECTION_SOURCES)[number];

export const ORDERING_POLICIES = ['closest-to-completion', 'random', 'import-order', ...SELECTION_SOURCES] as const;
export type OrderingPolicy = (typeof ORDERING_POLICIES)[number];

/** The selection source an ordering policy reads, if it is a selection policy. */
export function selectionSourceOf(policy: OrderingPolicy): SelectionSource | undefined {
  return (SELECTION_SOURCES as readonly string[]).includes(policy) ? (policy as SelectionSource) : undefined;
}

/** Export `--format` names (CLI, API query, web select); each line's exact shape is `exportLineSchemas[format]`. */
export const EXPORT_FORMATS = [
  'openai-chat',
  'trl-sft',
  'trl-sft-text',
  'trl-preference',
  'openai-dpo',
  'hh-rlhf',
  'trl-kto',
  'rankings',
  'raw',
  'oasst-message-tree',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const SKIP_REASONS = ['unsafe', 'unclear-prompt', 'not-my-expertise', 'other'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
/** How a skip reason reads to people: on the annotator's skip form and in the researchers' skip report. */
export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  unsafe: 'Unsafe or harmful content',
  'unclear-prompt': 'The prompt is unclear',
  'not-my-expertise': 'Outside my expertise',
  other: 'Other',
};

/** K = 2..9 outputs per ranking item, as in InstructGPT (K = 4..9) widened to pairwise. */
export const MIN_RANKED_OUTPUTS = 2;
export const MAX_RANKED_OUTPUTS = 9;
