import type { DatabaseHandle } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import { createAdjudicationService } from './modules/adjudication/adjudication.service.ts';
import { createAgreementService, REPORT_BOOTSTRAP } from './modules/agreement/agreement.service.ts';
import { createAnnotationsService } from './modules/annotations/annotations.service.ts';
import { createAssignmentService } from './modules/assignment/assignment.service.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createHashScheduler, DEFAULT_HASHING_LIMITS, type HashingLimits } from './modules/auth/hash-scheduler.ts';
import type { ScryptCost } from './modules/auth/password.ts';
import { createChatsService } from './modules/chats/chats.service.ts';
import { createDraftsService } from './modules/drafts/drafts.service.ts';
import { createExportsService } from './modules/exports/exports.service.ts';
import { createGoldService, type SubmittedAnnotation } from './modules/gold/gold.service.ts';
import { createItemBrowserService } from './modules/items/item-browser.service.ts';
import { createItemsService } from './modules/items/items.service.ts';
import type { JudgeJobTiming } from './modules/judges/judge-jobs.runner.ts';
import { createJudgesService } from './modules/judges/judges.service.ts';
import { createRewardScoresService } from './modules/judges/reward-scores.service.ts';
import { createLeaderboardService } from './modules/leaderboard/leaderboard.service.ts';
import { createLocalEvents, type ProjectEvents } from './modules/live/project-events.ts';
import type { SecretSource } from './modules/models/api-key-cipher.ts';
import { createGenerationJobsService } from './modules/models/generation-jobs.service.ts';
import type { GenerationTimings } from './modules/models/generation-runner.ts';
import { DEFAULT_MODEL_NETWORK_POLICY, type ModelNetworkPolicy } from './modules/models/model-url-guard.ts';
import { createModelsService } from './modules/models/models.service.ts';
import { createProjectsService } from './modules/projects/projects.service.ts';
import { createReviewService } from './modules/review/review.service.ts';
import { createTokensService } from './modules/tokens/tokens.service.ts';
import { createInvitationsService } from './modules/workspaces/invitations.service.ts';
import { createWorkspacesService } from './modules/workspaces/workspaces.service.ts';

/** Wires every service once; the HTTP app and the CLI both use this, so neither repeats the other's logic. */
export function createServices(
  database: DatabaseHandle,
  options: {
    clock: Clock;
    sessionTtlHours: number;
    events?: ProjectEvents;
    exportsDir?: string;
    passwordHashing?: HashingLimits;
    /** Lowered by the test harness only (config.ts `passwordCost`). */
    passwordCost?: ScryptCost;
    /** Model connections: where the API-key secret comes from, where calls may go, per-call timeout. */
    models?: { secret: SecretSource; network?: ModelNetworkPolicy; timeoutMs?: number };
    /** Retry and heartbeat timing of judging jobs (tests shorten it). */
    judgeTiming?: Partial<JudgeJobTiming>;
    /** Generation jobs' claim, backoff and progress timings (tests shorten them). */
    generationTimings?: Partial<GenerationTimings>;
    log?: (message: string, error?: unknown) => void;
  },
) {
  const { db } = database;
  const { clock } = options;
  // Without a live hub (CLI, tests that do not watch), events go to an in-process emitter nobody listens to.
  const events = options.events ?? createLocalEvents();
  // Every service that performs an audited action records it through this one service (typed per action).
  const audit = createAuditService({ db, clock });
  const workspaces = createWorkspacesService({
    db,
    findUserByEmail: (email) => auth.findUserByEmail(email),
    audit,
    // Built below; called only when a member is removed from a workspace.
    releaseLeasesIn: async (userId, workspaceId) => {
      let released = 0;
      for (const projectId of await projects.idsInWorkspace(workspaceId)) {
        released += await assignment.releaseLeasesOf(userId, projectId);
      }
      return released;
    },
  });
  const invitations = createInvitationsService({ db, clock, workspaces, audit });
  const auth = createAuthService({
    repository: createAuthRepository(db),
    clock,
    sessionTtlHours: options.sessionTtlHours,
    workspaces,
    // Built below; called only when an admin disables an account.
    accountEnds: {
      revokeTokens: (userId) => tokens.revokeAllOf(userId),
      releaseLeases: (userId) => assignment.releaseLeasesOf(userId),
    },
    audit,
    hashing: createHashScheduler(options.passwordHashing ?? DEFAULT_HASHING_LIMITS),
    passwordCost: options.passwordCost,
  });
  const assignment = createAssignmentService({ db, clock });
  const projects = createProjectsService({
    db,
    clock,
    assignment,
    workspaces,
    findUserByEmail: auth.findUserByEmail,
    audit,
  });
  const items = createItemsService({ db, clock, assignment, events, audit });
  const isAnnotated = (itemId: string, userId: string) => annotations.isAnnotated(itemId, userId);
  const drafts = createDraftsService({ db, clock, assignment, projects, isAnnotated });
  // Gold scores each committed submit and pauses annotators who fall below the project's bar (gold is built below).
  // The human-disagreement policy measures the item's answers again after each submit.
  const afterSubmit = async (event: SubmittedAnnotation) => {
    await gold.afterSubmit(event);
    await assignment.selectionAfterSubmit(event);
  };
  const annotations = createAnnotationsService({
    db,
    clock,
    projects,
    assignment,
    events,
    afterSubmit,
    // A chat task's submit checks its conversation (chats is built below; called per submit only).
    chatSubmission: (tx, lease) => chats.submissionProblems(tx, lease),
    // A model judge's answer pre-filled as a suggestion (judges are built below; called per task served).
    suggestionFor: (input) => judges.suggestionFor(input),
  });
  const adjudication = createAdjudicationService({ db, clock, projects, audit });
  const exports = createExportsService({
    db,
    clock,
    events,
    exportsDir: options.exportsDir,
    audit,
    // Called per export only (adjudication is built above, gold below).
    sources: {
      adjudicatedAnswers: (projectId) => adjudication.adjudicatedAnswers(projectId),
      goldAccuracy: (projectId) => gold.accuracyMap(projectId),
      chatConversations: (pairs) => chats.exportConversations(pairs),
      judgeAnswers: (itemIds) => judges.exportAnswers(itemIds),
      scoreProvenance: (itemIds) => rewardScores.provenanceOf(itemIds),
    },
  });
  // Gold accuracy joins the agreement report's annotator table (gold is built below; called only per request).
  const agreement = createAgreementService({
    db,
    clock,
    projects,
    goldAccuracy: (projectId) => gold.accuracyByAnnotator(projectId),
    // Judges are built below; their rows join the annotator table per request only.
    judgeRows: (projectId, questions, humans) => judges.annotatorRows(projectId, questions, humans),
  });
  const tokens = createTokensService({
    db,
    clock,
    projects,
    workspaces,
    confirmPassword: auth.confirmPassword,
    audit,
  });
  const leaderboard = createLeaderboardService({ db, clock, projects });
  const itemBrowser = createItemBrowserService({
    db,
    clock,
    projects,
    // Reward-score provenance lives with the scoring jobs (built below; called per item opened).
    scoreProvenance: (itemIds) => rewardScores.provenanceOf(itemIds),
  });
  const review = createReviewService({ db, clock, projects, assignment, audit });
  const gold = createGoldService({
    db,
    clock,
    projects,
    items,
    setItemGold: assignment.setItemGold,
    releaseLeasesOf: assignment.releaseLeasesOf,
    audit,
    events,
  });
  const judges = createJudgesService({
    db,
    clock,
    // Built below; called per judge creation and per judging call only.
    models: {
      complete: (connectionId, request) => models.complete(connectionId, request),
      connectionsUsableIn: (projectId) => models.connectionsUsableIn(projectId),
    },
    projects,
    events,
    audit,
    humanAnnotations: (projectId) => agreement.submittedAnnotations(projectId),
    bootstrap: REPORT_BOOTSTRAP,
    judgeDisagreementChanged: (projectId, scores) =>
      assignment.setSelectionScores(projectId, 'judge-disagreement', scores),
    timing: options.judgeTiming,
  });
  const rewardScores = createRewardScoresService({
    db,
    clock,
    // Built below; called per job only.
    models: {
      score: (connectionId, request) => models.score(connectionId, request),
      connectionsUsableIn: (projectId) => models.connectionsUsableIn(projectId),
    },
    projects,
    events,
    audit,
    writeOutputScores: (projectId, body) => items.writeOutputScores(projectId, body),
    // Judge vs reward model: the judge-disagreement order reads output scores too.
    scoresChanged: async (projectId) =>
      assignment.setSelectionScores(projectId, 'judge-disagreement', await judges.disagreementScores(projectId)),
    timing: options.judgeTiming,
    log: options.log,
  });
  const models = createModelsService({
    db,
    clock,
    audit,
    workspaces,
    workspaceOfProject: async (projectId) => (await projects.findRow(projectId))?.workspaceId,
    // Without settings (CLI helpers and tests that build services by hand): a secret file in the working folder.
    secret: options.models?.secret ?? { file: './.feedbench/secret', production: false },
    network: options.models?.network ?? DEFAULT_MODEL_NETWORK_POLICY,
    timeoutMs: options.models?.timeoutMs,
  });
  // Live chat tasks: candidates stream from the models service; the item's starter comes from items.
  const chats = createChatsService({
    db,
    clock,
    projects,
    assignment,
    conversationOf: async (itemId) => (await items.findItem(itemId))?.conversation ?? [],
    models: {
      streamChat: (connectionId, request, onDelta) => models.streamChat(connectionId, request, onDelta),
      usableIn: async (projectId, connectionId) =>
        (await models.connectionsUsableIn(projectId)).some((c) => c.id === connectionId),
    },
  });
  const generation = createGenerationJobsService({
    db,
    clock,
    audit,
    events,
    models,
    findProject: (projectId) => projects.findRow(projectId),
    addGeneratedOutput: (tx, output) => items.addGeneratedOutput(tx, output),
    createSlots: (tx, itemIds, target) => assignment.createSlots(tx, itemIds, target),
    outputCounts: (itemIds) => items.outputCounts(itemIds),
    timings: {
      // A claim outlives the longest call (FEEDBENCH_MODEL_TIMEOUT_MS) by a minute before another worker takes it.
      ...(options.models?.timeoutMs && { claimTtlMs: options.models.timeoutMs + 60_000 }),
      ...options.generationTimings,
    },
    log: options.log,
  });
  return {
    auth,
    assignment,
    models,
    chats,
    judges,
    rewardScores,
    generation,
    projects,
    items,
    itemBrowser,
    annotations,
    drafts,
    exports,
    agreement,
    leaderboard,
    events,
    tokens,
    audit,
    review,
    gold,
    adjudication,
    workspaces,
    invitations,
  };
}
export type Services = ReturnType<typeof createServices>;
