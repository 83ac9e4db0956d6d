import { z } from 'zod';

/** Most bootstrap resamples a leaderboard request may ask for (each refits every rating). */
export const MAX_LEADERBOARD_BOOTSTRAP = 1000;

/** Booleans in a query string: `true`/`1` and `false`/`0` (z.coerce.boolean would read "false" as true). */
const queryBoolean = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

/**
 * `GET /api/projects/:projectId/leaderboard` query. `category` keeps the items whose metadata field `categoryField`
 * (default `category`) has that value (compared as text); `lengthControlled` adds the length covariate;
 * `bootstrap` resamples for the intervals (0: no intervals); `seed` fixes the resamples.
 */
// Strict: a misspelt option (`length_controlled`) is a 400 naming it, not a silently different leaderboard.
export const leaderboardQuery = z
  .object({
    categoryField: z.string().trim().min(1).max(100).default('category'),
    /** One value of `categoryField` (an empty value is refused: leave the option out for every item). */
    category: z.string().min(1).max(200).optional(),
    lengthControlled: queryBoolean.default(false),
    bootstrap: z.coerce.number().int().min(0).max(MAX_LEADERBOARD_BOOTSTRAP).default(100),
    seed: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
  })
  .strict();
export type LeaderboardQuery = z.input<typeof leaderboardQuery>;
/** The query once parsed (defaults filled in): what the service takes. */
export type LeaderboardOptions = z.output<typeof leaderboardQuery>;

/** An interval [low, high]; null when the leaderboard was asked without bootstrap. */
const interval = z.tuple([z.number(), z.number()]).nullable();

export const leaderboardModelSchema = z.object({
  model: z.string(),
  /** Bradley-Terry strength on the logit scale (sums to about zero over models: the prior centres it). */
  strength: z.number(),
  /** The strength on the Elo-like scale Chatbot Arena shows: 1000 + 400 * strength / ln 10. */
  rating: z.number(),
  ratingInterval: interval,
  /** 1 = best; models whose intervals overlap the leader's may share rank 1 in fact. */
  rank: z.number().int(),
  comparisons: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  /** Mean length in characters of the model's outputs that were compared. */
  meanLength: z.number(),
});
export type LeaderboardModel = z.infer<typeof leaderboardModelSchema>;

export const leaderboardResponse = z.object({
  projectId: z.string().uuid(),
  generatedAt: z.string(),
  /** The question the preferences come from (the template's first preference question); null: none. */
  questionId: z.string().nullable(),
  categoryField: z.string(),
  category: z.string().nullable(),
  /** The values of the category field among answered items (before filtering), with their answers, most first. */
  categories: z.array(z.object({ value: z.string(), annotations: z.number().int() })),
  lengthControlled: z.boolean(),
  /** Length coefficient (per unit of (len A - len B) / (len A + len B)); null unless lengthControlled. */
  lengthCoefficient: z.number().nullable(),
  lengthCoefficientInterval: interval,
  bootstrap: z.object({
    replicates: z.number().int(),
    seed: z.number().int(),
    confidence: z.number(),
    /** What was resampled: items with all their comparisons (one annotator's ranking induces several). */
    unit: z.literal('item'),
  }),
  /** Ratings, best first. */
  models: z.array(leaderboardModelSchema),
  /** winRates[i][j]: share of comparisons of models[i] with models[j] that models[i] won (ties half); null: none. */
  winRates: z.array(z.array(z.number().nullable())),
  /** comparisonCounts[i][j]: comparisons between models[i] and models[j]. */
  comparisonCounts: z.array(z.array(z.number().int())),
  /** Comparisons used (one per pair of outputs an answer ordered or tied), and the items and answers behind them. */
  comparisons: z.number().int(),
  items: z.number().int(),
  annotations: z.number().int(),
  skipped: z.object({
    /** Output pairs left out because an output has no model (item_outputs.model is empty). */
    noModel: z.number().int(),
    /** Output pairs of one model against itself (they say nothing about the ranking of models). */
    sameModel: z.number().int(),
    /**
     * Output pairs an answer tied beside other ranks (A > B = C leaves B-C out): only an answer tying every output
     * gives ties, as Chatbot Arena's "tie" votes; a shared rank is not a comparison the annotator made.
     */
    tiedInRanking: z.number().int(),
  }),
});
export type LeaderboardResponse = z.infer<typeof leaderboardResponse>;
