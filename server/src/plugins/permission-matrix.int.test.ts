import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, rankingAnswers, submitTask } from '../test/annotating.ts';
import { databaseChecksum } from '../test/database-checksum.ts';
import { buildTestApp, rankingLine, type TestHarness } from '../test/test-app.ts';

/**
 * Who may call what: every route of the real route table (collected by plugins/route-table.ts) against every kind of
 * caller. "allow" means the request gets past access control (any answer but 401/403/404); "deny" means 401, 403 or
 * 404 (non-members get 404: a project's existence is confidential), and a denied call writes nothing: every table's
 * checksum is the same before and after it (test/database-checksum.ts). Nobody ever gets a 5xx. A route missing here
 * fails the first test: add its row when you add the route.
 *
 * Callers, per cell on fresh data: P is a ranking project made by `researcher`, with `annotator` as member holding a
 * lease and one submitted annotation; `reviewer` is P's reviewer (an annotator account with the project role
 * reviewer); `outsider` is a researcher of another project; `admin` is a global admin who is not a member of P;
 * `readToken` is a read-only API token of `researcher`; `stranger` is a researcher of another workspace only (with
 * a project there); `removed` was an annotator of P holding a lease in it when they were removed from P's workspace
 * (their lease routes use their own lease); `tokenElsewhere` is a write API token of `annotator` scoped to another
 * project of the workspace, where `annotator` is an annotator too. Everyone else belongs to P's workspace (the
 * default one) as a plain member.
 */
const PERSONAS = [
  'anonymous',
  'admin',
  'researcher',
  'annotator',
  'reviewer',
  'outsider',
  'readToken',
  'stranger',
  'removed',
  'tokenElsewhere',
] as const;
type Persona = (typeof PERSONAS)[number];

interface Fixture {
  projectId: string;
  /** P's workspace, and a member of it whom removal cells remove (joined again for every fixture). */
  workspaceId: string;
  spareMemberId: string;
  /** An open invitation to P's workspace (for someone without an account), for revocation cells. */
  workspaceInvitationId: string;
  /** An open invitation for the annotator to a workspace of its own, made for this fixture. */
  invitationId: string;
  leaseId: string;
  tokenId: string;
  annotationId: string;
  /** The item of `annotationId`. */
  itemId: string;
  /** The lease `removed` held in P when they were removed from the workspace. */
  removedLeaseTask: NonNullable<Awaited<ReturnType<typeof nextTask>>>;
  /** Only in the fixture the reads share: a saved dataset snapshot and one of its files. */
  snapshotId: string;
  snapshotFile: string;
  /** Only in the fixture the reads share: a finished background export job. */
  exportJobId: string;
  /** Only in the fixture the reads share: a finished import job. */
  importJobId: string;
  leaseTask: Awaited<ReturnType<typeof nextTask>>;
  /** A judge of P (on a connection nothing listens on) and its finished judging job. */
  judgeId: string;
  judgeJobId: string;
  scoreJobId: string;
  /** A model connection of P's workspace (made by the instance admin), pointing at a closed local port. */
  connectionId: string;
  /** A generation job of P that had nothing to do (done at once). */
  generationJobId: string;
}
interface Rule {
  allow: readonly Persona[];
  request(fx: Fixture): { url: string; payload?: unknown; headers?: Record<string, string> };
  /** The call ends the caller's session (logout; sign-in, which replaces it): use a fresh one for the cell. */
  freshSession?: true;
  /** A websocket: allowed when the upgrade succeeds. */
  socket?: true;
}

const everyone = PERSONAS;
const signedIn = [
  'admin',
  'researcher',
  'annotator',
  'reviewer',
  'outsider',
  'readToken',
  'stranger',
  'removed',
  'tokenElsewhere',
] as const;
const sessions = ['admin', 'researcher', 'annotator', 'reviewer', 'outsider', 'stranger', 'removed'] as const;
/** Everyone in P's workspace (the stranger is not). */
const workspaceMembers = [
  'admin',
  'researcher',
  'annotator',
  'reviewer',
  'outsider',
  'readToken',
  'tokenElsewhere',
] as const;
const projectReaders = ['admin', 'researcher', 'annotator', 'reviewer', 'readToken'] as const;
const reviewers = ['admin', 'researcher', 'reviewer'] as const;
const projectResearchers = ['admin', 'researcher'] as const;
const researcherReads = ['admin', 'researcher', 'readToken'] as const;
const leaseHolder = ['annotator'] as const;
const p = (fx: Fixture) => `/api/projects/${fx.projectId}`;

// biome-ignore format: one row per route reads as a table
const MATRIX: Record<string, Rule> = {
  'GET /api/health':                             { allow: everyone, request: () => ({ url: '/api/health' }) },
  'GET /api/openapi.json':                       { allow: everyone, request: () => ({ url: '/api/openapi.json' }) },
  'GET /api/docs':                               { allow: everyone, request: () => ({ url: '/api/docs' }) },
  'GET /api/docs/static/*':                      { allow: everyone, request: () => ({ url: '/api/docs/static/index.css' }) },
  'GET /api/docs/json':                          { allow: everyone, request: () => ({ url: '/api/docs/json' }) },
  'GET /api/docs/yaml':                          { allow: everyone, request: () => ({ url: '/api/docs/yaml' }) },
  'GET /api/docs/static/index.html':             { allow: everyone, request: () => ({ url: '/api/docs/static/index.html' }) },
  'GET /api/docs/static/swagger-initializer.js': { allow: everyone, request: () => ({ url: '/api/docs/static/swagger-initializer.js' }) },
  // A read-only token may not sign in (POST); the session it would get is not what tokens are for.
  'POST /api/auth/login':                        { allow: ['anonymous', ...sessions, 'tokenElsewhere'], freshSession: true, request: () => ({ url: '/api/auth/login', payload: LOGIN }) },
  // A write token may call it (nothing to end: no session cookie).
  'POST /api/auth/logout':                       { allow: [...sessions, 'tokenElsewhere'], freshSession: true, request: () => ({ url: '/api/auth/logout' }) },
  'GET /api/auth/me':                            { allow: signedIn, request: () => ({ url: '/api/auth/me' }) },
  // Sessions only: a token does not change its owner's preferences.
  'PATCH /api/auth/me':                          { allow: sessions, request: () => ({ url: '/api/auth/me', payload: { locale: 'zh-CN' } }) },
  'GET /api/auth/csrf':                          { allow: everyone, request: () => ({ url: '/api/auth/csrf' }) },
  // Sessions only (a token never changes its owner's password); the wrong current password answers 422.
  'PUT /api/auth/password':                      { allow: sessions, request: () => ({ url: '/api/auth/password', payload: { currentPassword: 'not the password', newPassword: 'long enough pw' } }) },
  'GET /api/users':                              { allow: ['admin'], request: () => ({ url: '/api/users' }) },
  'PATCH /api/users/:userId':                    { allow: ['admin'], request: (fx) => ({ url: `/api/users/${fx.spareMemberId}`, payload: { disabled: false } }) },
  'PUT /api/users/:userId/password':             { allow: ['admin'], request: (fx) => ({ url: `/api/users/${fx.spareMemberId}/password`, payload: { password: 'long enough pw' } }) },
  'POST /api/users':                             { allow: ['admin'], request: () => ({ url: '/api/users', payload: { email: `m-${randomUUID()}@test.local`, password: 'long enough pw', role: 'annotator' } }) },
  'GET /api/tokens':                             { allow: signedIn, request: () => ({ url: '/api/tokens' }) },
  'POST /api/tokens':                            { allow: sessions, request: () => ({ url: '/api/tokens', payload: { name: 'matrix', password: 'correct horse battery' } }) },
  // The owner, or an instance admin revoking someone else's token (audited).
  'DELETE /api/tokens/:tokenId':                 { allow: ['admin', 'researcher'], request: (fx) => ({ url: `/api/tokens/${fx.tokenId}` }) },
  'GET /api/admin/tokens':                       { allow: ['admin'], request: () => ({ url: '/api/admin/tokens' }) },
  'GET /api/workspaces':                         { allow: signedIn, request: () => ({ url: '/api/workspaces' }) },
  'POST /api/workspaces':                        { allow: ['admin'], request: () => ({ url: '/api/workspaces', payload: { name: 'W', slug: `w-${randomUUID().slice(0, 8)}` } }) },
  'GET /api/workspaces/:workspaceId/members':    { allow: workspaceMembers, request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/members` }) },
  // Plain members do not manage the workspace; the outsider is already a member (role unchanged).
  'POST /api/workspaces/:workspaceId/members':   { allow: ['admin'], request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/members`, payload: { email: OUTSIDER_EMAIL.value, role: 'member' } }) },
  'DELETE /api/workspaces/:workspaceId/members/:userId': { allow: ['admin'], request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/members/${fx.spareMemberId}` }) },
  // Invitations: the workspace's managers (here only the instance admin) invite, list and revoke; the invitee (the
  // annotator, invited to a workspace of their own per fixture) alone sees, accepts and declines; never with a token.
  'POST /api/workspaces/:workspaceId/invitations': { allow: ['admin'], request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/invitations`, payload: { email: `invited-${randomUUID()}@test.local`, role: 'member' } }) },
  'GET /api/workspaces/:workspaceId/invitations':  { allow: ['admin'], request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/invitations` }) },
  'DELETE /api/workspaces/:workspaceId/invitations/:invitationId': { allow: ['admin'], request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/invitations/${fx.workspaceInvitationId}` }) },
  'GET /api/invitations':                        { allow: sessions, request: () => ({ url: '/api/invitations' }) },
  'POST /api/invitations/:invitationId/accept':  { allow: ['annotator'], request: (fx) => ({ url: `/api/invitations/${fx.invitationId}/accept` }) },
  'POST /api/invitations/:invitationId/decline': { allow: ['annotator'], request: (fx) => ({ url: `/api/invitations/${fx.invitationId}/decline` }) },
  'GET /api/audit':                              { allow: ['admin'], request: () => ({ url: '/api/audit' }) },
  'GET /api/projects':                           { allow: signedIn, request: () => ({ url: '/api/projects' }) },
  // Each in a workspace of their own (the stranger's is not P's).
  'POST /api/projects':                          { allow: ['admin', 'researcher', 'outsider', 'stranger'], request: () => ({ url: '/api/projects', payload: { name: 'New', kind: 'ranking' } }) },
  'GET /api/projects/:projectId':                { allow: projectReaders, request: (fx) => ({ url: p(fx) }) },
  'PATCH /api/projects/:projectId':              { allow: projectResearchers, request: (fx) => ({ url: p(fx), payload: { name: 'Renamed' } }) },
  'PUT /api/projects/:projectId/output-scores':  { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/output-scores`, payload: { scores: [{ item: 'a', output: 'o0', score: 0.5 }] } }) },
  'GET /api/projects/:projectId/members':        { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/members` }) },
  'POST /api/projects/:projectId/members':       { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/members`, payload: { email: OUTSIDER_EMAIL.value, role: 'annotator' } }) },
  'DELETE /api/projects/:projectId/members/:userId': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/members/${people.reviewer.id}` }) },
  'POST /api/projects/:projectId/imports':       { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/imports`, payload: JSON.stringify(rankingLine(`m-${randomUUID()}`)), headers: { 'content-type': 'application/x-ndjson' } }) },
  'POST /api/projects/:projectId/tasks/next':    { allow: ['admin', 'researcher', 'annotator', 'reviewer'], request: (fx) => ({ url: `${p(fx)}/tasks/next` }) },
  'POST /api/projects/:projectId/tasks/prepare': { allow: ['admin', 'researcher', 'annotator', 'reviewer'], request: (fx) => ({ url: `${p(fx)}/tasks/prepare` }) },
  'GET /api/projects/:projectId/items':          { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/items` }) },
  'GET /api/projects/:projectId/items/:itemId':  { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/items/${fx.itemId}` }) },
  'GET /api/projects/:projectId/skips':          { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/skips` }) },
  'GET /api/projects/:projectId/skips/items':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/skips/items` }) },
  'GET /api/projects/:projectId/export/summary': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/export/summary?format=raw` }) },
  'POST /api/projects/:projectId/snapshots':     { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/snapshots`, payload: { format: 'raw', name: `matrix-${randomUUID().slice(0, 8)}` } }) },
  'GET /api/projects/:projectId/snapshots':      { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/snapshots` }) },
  'GET /api/projects/:projectId/snapshots/:snapshotId': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/snapshots/${fx.snapshotId}` }) },
  'GET /api/projects/:projectId/snapshots/:snapshotId/files/:file': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/snapshots/${fx.snapshotId}/files/${encodeURIComponent(fx.snapshotFile)}` }) },
  'POST /api/projects/:projectId/import-jobs':   { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/import-jobs`, payload: JSON.stringify(rankingLine(`m-${randomUUID()}`)), headers: { 'content-type': 'application/x-ndjson' } }) },
  // Reads and stores nothing, but sees the project's template: its researchers only.
  'POST /api/projects/:projectId/import-preview': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/import-preview`, payload: JSON.stringify(rankingLine(`m-${randomUUID()}`)), headers: { 'content-type': 'application/x-ndjson' } }) },
  'GET /api/projects/:projectId/import-jobs':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/import-jobs` }) },
  'GET /api/projects/:projectId/import-jobs/:jobId': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/import-jobs/${fx.importJobId}` }) },
  'POST /api/projects/:projectId/export-jobs':   { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/export-jobs`, payload: { format: 'raw' } }) },
  'GET /api/projects/:projectId/export-jobs':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/export-jobs` }) },
  'GET /api/projects/:projectId/export-jobs/:jobId': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/export-jobs/${fx.exportJobId}` }) },
  'GET /api/projects/:projectId/export-jobs/:jobId/file': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/export-jobs/${fx.exportJobId}/file` }) },
  'GET /api/projects/:projectId/export':         { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/export?format=raw` }) },
  'GET /api/projects/:projectId/agreement':      { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/agreement` }) },
  'GET /api/projects/:projectId/agreement/annotations': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/agreement/annotations?itemId=${fx.itemId}` }) },
  'GET /api/projects/:projectId/leaderboard':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/leaderboard?bootstrap=5` }) },
  'GET /api/projects/:projectId/annotations':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/annotations` }) },
  'GET /api/projects/:projectId/live':           { allow: projectReaders, socket: true, request: (fx) => ({ url: `${p(fx)}/live` }) },
  'GET /api/projects/:projectId/review-queue':   { allow: [...reviewers, 'readToken'], request: (fx) => ({ url: `${p(fx)}/review-queue` }) },
  'GET /api/projects/:projectId/reviews':        { allow: [...reviewers, 'readToken'], request: (fx) => ({ url: `${p(fx)}/reviews` }) },
  'GET /api/projects/:projectId/my-reviews':     { allow: projectReaders, request: (fx) => ({ url: `${p(fx)}/my-reviews` }) },
  'GET /api/projects/:projectId/adjudication':   { allow: [...reviewers, 'readToken'], request: (fx) => ({ url: `${p(fx)}/adjudication` }) },
  'GET /api/projects/:projectId/adjudication/items/:itemId': { allow: [...reviewers, 'readToken'], request: (fx) => ({ url: `${p(fx)}/adjudication/items/${fx.itemId}` }) },
  'PUT /api/projects/:projectId/adjudication/items/:itemId': { allow: reviewers, request: (fx) => ({ url: `${p(fx)}/adjudication/items/${fx.itemId}`, payload: fx.leaseTask ? { answers: rankingAnswers(fx.leaseTask) } : {} }) },
  'POST /api/annotations/:annotationId/review':  { allow: reviewers, request: (fx) => ({ url: `/api/annotations/${fx.annotationId}/review`, payload: { verdict: 'accepted' } }) },
  'GET /api/projects/:projectId/gold':           { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/gold` }) },
  'GET /api/projects/:projectId/gold/candidates': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/gold/candidates?q=x` }) },
  'PUT /api/projects/:projectId/items/:itemId/gold': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/items/${fx.leaseTask?.item.id}/gold`, payload: { answers: fx.leaseTask ? rankingAnswers(fx.leaseTask) : {} } }) },
  'DELETE /api/projects/:projectId/items/:itemId/gold': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/items/${fx.leaseTask?.item.id}/gold` }) },
  'POST /api/annotations/:annotationId/gold':    { allow: projectResearchers, request: (fx) => ({ url: `/api/annotations/${fx.annotationId}/gold` }) },
  'GET /api/projects/:projectId/judge-connections': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judge-connections` }) },
  'GET /api/projects/:projectId/judges':         { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judges` }) },
  'POST /api/projects/:projectId/judges':        { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/judges`, payload: { name: `matrix-${randomUUID().slice(0, 8)}`, connectionId: JUDGE_CONNECTION.id } }) },
  'DELETE /api/projects/:projectId/judges/:judgeId': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/judges/${fx.judgeId}` }) },
  'GET /api/projects/:projectId/judges/:judgeId/answers': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judges/${fx.judgeId}/answers` }) },
  'GET /api/projects/:projectId/judges/:judgeId/disagreements': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judges/${fx.judgeId}/disagreements` }) },
  // An unknown item answers 422 before any job starts (no background writes between cells).
  'POST /api/projects/:projectId/judge-jobs':    { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/judge-jobs`, payload: { judgeIds: [fx.judgeId], itemIds: ['00000000-0000-4000-8000-000000000000'] } }) },
  'GET /api/projects/:projectId/judge-jobs':     { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judge-jobs` }) },
  'GET /api/projects/:projectId/judge-jobs/:jobId': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judge-jobs/${fx.judgeJobId}` }) },
  'GET /api/projects/:projectId/judge-jobs/:jobId/failures': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/judge-jobs/${fx.judgeJobId}/failures` }) },
  // The fixture's job has ended: researchers get 409.
  'POST /api/projects/:projectId/judge-jobs/:jobId/cancel': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/judge-jobs/${fx.judgeJobId}/cancel` }) },
  // An unknown item answers 422 before any job starts.
  'POST /api/projects/:projectId/score-jobs':    { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/score-jobs`, payload: { connectionId: JUDGE_CONNECTION.id, itemIds: ['00000000-0000-4000-8000-000000000000'] } }) },
  'GET /api/projects/:projectId/score-jobs':     { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/score-jobs` }) },
  'GET /api/projects/:projectId/score-jobs/:jobId': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/score-jobs/${fx.scoreJobId}` }) },
  'GET /api/projects/:projectId/score-jobs/:jobId/failures': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/score-jobs/${fx.scoreJobId}/failures` }) },
  // The fixture's job has ended: researchers get 409.
  'POST /api/projects/:projectId/score-jobs/:jobId/cancel': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/score-jobs/${fx.scoreJobId}/cancel` }) },
  'GET /api/projects/:projectId/calibration':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/calibration` }) },
  'GET /api/projects/:projectId/suggestions':    { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/suggestions` }) },
  'PUT /api/projects/:projectId/suggestions':    { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/suggestions`, payload: { mode: 'off' } }) },
  'GET /api/projects/:projectId/anchoring':      { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/anchoring` }) },
  'GET /api/projects/:projectId/gold/accuracy':  { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/gold/accuracy` }) },
  'PUT /api/projects/:projectId/gold/settings':  { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/gold/settings`, payload: { rate: 0.1 } }) },
  'POST /api/projects/:projectId/gold/annotators/:userId/resume': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/gold/annotators/${people.annotator.id}/resume` }) },
  'POST /api/leases/:leaseId/submit':            { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/submit`, payload: fx.leaseTask ? { idempotencyKey: randomUUID(), answers: rankingAnswers(fx.leaseTask) } : {} }) },
  'POST /api/leases/:leaseId/heartbeat':         { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/heartbeat` }) },
  'POST /api/leases/:leaseId/skip':              { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/skip`, payload: { reason: 'other' } }) },
  'PUT /api/leases/:leaseId/draft':              { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/draft`, payload: { answers: {} } }) },
  // Live chat routes of a lease: P is a ranking project, so its lease holder gets past access control to a 409.
  'GET /api/leases/:leaseId/chat':               { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/chat` }) },
  'POST /api/leases/:leaseId/chat/turns':        { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/chat/turns`, payload: { content: 'hello' } }) },
  'POST /api/leases/:leaseId/chat/candidates/:candidateId/regenerate': { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/chat/candidates/${randomUUID()}/regenerate` }) },
  'POST /api/leases/:leaseId/chat/candidates/:candidateId/stop': { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/chat/candidates/${randomUUID()}/stop` }) },
  'PUT /api/leases/:leaseId/chat/turns/:turnNo/draft': { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/chat/turns/1/draft`, payload: { answers: {} } }) },
  'POST /api/leases/:leaseId/chat/turns/:turnNo/complete': { allow: leaseHolder, request: (fx) => ({ url: `/api/leases/${fx.leaseId}/chat/turns/1/complete`, payload: { answers: {}, chosenId: randomUUID() } }) },
  // Model connections: the workspace's owners/admins and instance admins (here only the admin) manage them; P's
  // researchers list the ones P may use (no URLs).
  'GET /api/model-connections':                  { allow: ['admin'], request: (fx) => ({ url: `/api/model-connections?workspaceId=${fx.workspaceId}` }) },
  'POST /api/model-connections':                 { allow: ['admin'], request: (fx) => ({ url: '/api/model-connections', payload: { workspaceId: fx.workspaceId, name: `m-${randomUUID().slice(0, 8)}`, baseUrl: CLOSED_MODEL_URL, model: 'm', apiKey: 'sk-matrix' } }) },
  'PATCH /api/model-connections/:connectionId':  { allow: ['admin'], request: (fx) => ({ url: `/api/model-connections/${fx.connectionId}`, payload: { model: 'other' } }) },
  'DELETE /api/model-connections/:connectionId': { allow: ['admin'], request: (fx) => ({ url: `/api/model-connections/${fx.connectionId}` }) },
  'POST /api/model-connections/:connectionId/test': { allow: ['admin'], request: (fx) => ({ url: `/api/model-connections/${fx.connectionId}/test`, payload: {} }) },
  'GET /api/projects/:projectId/model-connections': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/model-connections` }) },
  'GET /api/workspaces/:workspaceId/model-connections': { allow: ['admin', 'researcher', 'outsider', 'readToken'], request: (fx) => ({ url: `/api/workspaces/${fx.workspaceId}/model-connections` }) },
  // Generation jobs: P's researchers (an item id P lacks: the job has nothing to do and runs nothing in the background).
  'POST /api/projects/:projectId/generation-jobs': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/generation-jobs`, payload: { connectionIds: [fx.connectionId], samplesPerItem: 1, itemIds: [randomUUID()] } }) },
  'GET /api/projects/:projectId/generation-jobs': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/generation-jobs` }) },
  'GET /api/projects/:projectId/generation-jobs/:jobId': { allow: researcherReads, request: (fx) => ({ url: `${p(fx)}/generation-jobs/${fx.generationJobId}` }) },
  // The job is done: researchers get 409 (past access control), everyone else 401/403/404.
  'POST /api/projects/:projectId/generation-jobs/:jobId/cancel': { allow: projectResearchers, request: (fx) => ({ url: `${p(fx)}/generation-jobs/${fx.generationJobId}/cancel` }) },
};
/** Nothing listens there: a connection test fails fast (network) without leaving the machine. */
const CLOSED_MODEL_URL = 'http://127.0.0.1:9/v1';

const DENIED = new Set([401, 403, 404]);
let LOGIN: { email: string; password: string };
/** A model connection of P's workspace for judges (nothing listens at its URL: judging calls fail at once). */
const JUDGE_CONNECTION = { id: '' };
const OUTSIDER_EMAIL = { value: '' };

let h: TestHarness;
let people: Record<Exclude<Persona, 'anonymous' | 'readToken' | 'tokenElsewhere'>, Person>;
let readToken: string;
let tokenElsewhere: string;
let checksum: () => Promise<string>;
let spareMember: Person;
let defaultWorkspaceId: string;
beforeAll(async () => {
  // Its own database: denied cells compare every table's checksum, and other files write to the shared one.
  h = await buildTestApp({ ownDatabase: true });
  checksum = await databaseChecksum(h.database.db);
  const admin = await h.user('admin');
  const other = await h.app.inject({
    method: 'POST',
    url: '/api/workspaces',
    headers: admin.headers,
    payload: { name: 'Another team', slug: `another-${randomUUID().slice(0, 8)}` },
  });
  people = {
    admin,
    stranger: await h.user('researcher', { workspaceId: other.json().id }),
    researcher: await h.user('researcher'),
    annotator: await h.user('annotator'),
    reviewer: await h.user('annotator'),
    outsider: await h.user('researcher'),
    removed: await h.user('annotator'),
  };
  await h.project(people.outsider, { name: 'Elsewhere' });
  const sibling = await h.project(people.researcher, { name: 'Sibling of P' });
  await h.addMember(people.researcher, sibling.id, people.annotator);
  const scoped = await h.services.tokens.create(
    { ...people.annotator, createdAt: new Date(people.annotator.createdAt) },
    { name: 'elsewhere', access: 'write', projectIds: [sibling.id], password: 'correct horse battery' },
  );
  tokenElsewhere = scoped.token;
  await h.project(people.stranger, { name: 'In another workspace' });
  spareMember = await h.user('annotator');
  const workspaces = (await h.app.inject({ url: '/api/workspaces', headers: people.researcher.headers })).json();
  defaultWorkspaceId = workspaces.workspaces[0].id;
  LOGIN = { email: people.annotator.email, password: people.annotator.password };
  const connection = await h.services.models.create(
    { ...people.admin, createdAt: new Date(people.admin.createdAt) },
    { workspaceId: defaultWorkspaceId, name: 'matrix judge', baseUrl: 'http://127.0.0.1:9/v1', model: 'judge' },
  );
  JUDGE_CONNECTION.id = connection.id;
  OUTSIDER_EMAIL.value = people.outsider.email;
  const token = await h.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: people.researcher.headers,
    payload: { name: 'matrix reader', access: 'read', password: 'correct horse battery' },
  });
  readToken = token.json().token;
  // Nine accounts (one scrypt hash and sign-in each) before the first cell.
}, 240_000);
afterAll(() => h.close());

async function fixture(withSnapshot = false): Promise<Fixture> {
  const { researcher, annotator, reviewer, removed } = people;
  const project = await h.project(researcher, { name: 'P' });
  await h.importItems(researcher, project.id, [rankingLine('a'), rankingLine('b'), rankingLine('c')]);
  await h.addMember(researcher, project.id, annotator);
  await h.addMember(researcher, project.id, reviewer, 'reviewer');
  // `removed` claims a lease in P, then leaves the workspace (joined again here for every fixture).
  await h.services.workspaces.join(defaultWorkspaceId, removed.id, 'member');
  await h.addMember(researcher, project.id, removed);
  const removedLeaseTask = await nextTask(h, removed, project.id);
  if (!removedLeaseTask) throw new Error('fixture: no task for removed');
  const removal = await h.app.inject({
    method: 'DELETE',
    url: `/api/workspaces/${defaultWorkspaceId}/members/${removed.id}`,
    headers: people.admin.headers,
  });
  if (removal.statusCode >= 300) throw new Error(`fixture: removal ${removal.body}`);
  const done = await nextTask(h, annotator, project.id);
  if (!done) throw new Error('fixture: no task');
  const annotationId = (await submitTask(h, annotator, done)).json().annotationId;
  const leaseTask = await nextTask(h, annotator, project.id);
  if (!leaseTask) throw new Error('fixture: no task');
  // Made through the service: the HTTP route limits how many tokens a person makes per hour.
  const owner = { ...researcher, createdAt: new Date(researcher.createdAt) };
  const created = await h.services.tokens.create(owner, {
    name: 'to revoke',
    access: 'read',
    password: 'correct horse battery',
  });
  let snapshotId = '00000000-0000-4000-8000-000000000000';
  let snapshotFile = 'none';
  let exportJobId = '00000000-0000-4000-8000-000000000000';
  let importJobId = '00000000-0000-4000-8000-000000000000';
  if (withSnapshot) {
    const snapshot = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/snapshots`,
      headers: researcher.headers,
      payload: { format: 'raw', name: 'shared-reads' },
    });
    if (snapshot.statusCode !== 201) throw new Error(`fixture: snapshot ${snapshot.body}`);
    snapshotId = snapshot.json().id;
    snapshotFile = snapshot.json().files[0]?.name ?? 'none';
    const job = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/export-jobs`,
      headers: researcher.headers,
      payload: { format: 'raw' },
    });
    if (job.statusCode !== 202) throw new Error(`fixture: export job ${job.body}`);
    exportJobId = job.json().id;
    await h.services.exports.jobs.settle(exportJobId);
    const imported = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/import-jobs`,
      headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify(rankingLine('imported-by-job')),
    });
    if (imported.statusCode !== 202) throw new Error(`fixture: import job ${imported.body}`);
    importJobId = imported.json().id;
    await h.services.items.imports.settle(importJobId);
  }
  const judge = await h.services.judges.create(owner, project.id, {
    name: 'Matrix judge',
    connectionId: JUDGE_CONNECTION.id,
  });
  const judgeJob = await h.services.judges.jobs.create(owner, project.id, { judgeIds: [judge.id], maxAttempts: 1 });
  // Settled here: a job still writing during a denied cell would move the checksum.
  await h.services.judges.jobs.settle(judgeJob.id);
  const scoreJob = await h.services.rewardScores.create(owner, project.id, {
    connectionId: JUDGE_CONNECTION.id,
    maxAttempts: 1,
  });
  await h.services.rewardScores.settle(scoreJob.id);
  await h.services.workspaces.join(defaultWorkspaceId, spareMember.id, 'member');
  const admin = { ...people.admin, createdAt: new Date(people.admin.createdAt) };
  const workspaceInvitation = await h.services.invitations.invite(admin, defaultWorkspaceId, {
    email: `nobody-${randomUUID()}@test.local`,
  });
  const elsewhere = await h.services.workspaces.create(admin, {
    name: 'Inviting',
    slug: `inv-${randomUUID().slice(0, 8)}`,
  });
  const invitation = await h.services.invitations.invite(admin, elsewhere.id, { email: annotator.email });
  const connection = await h.services.models.create(admin, {
    workspaceId: defaultWorkspaceId,
    name: `matrix-${randomUUID().slice(0, 8)}`,
    baseUrl: CLOSED_MODEL_URL,
    model: 'm',
  });
  const projectRow = await h.services.projects.findRow(project.id);
  if (!projectRow) throw new Error('fixture: project row');
  const generationJob = await h.services.generation.create(admin, projectRow, {
    connectionIds: [connection.id],
    samplesPerItem: 1,
    itemIds: [randomUUID()],
  });
  return {
    connectionId: connection.id,
    generationJobId: generationJob.id,
    workspaceInvitationId: workspaceInvitation.id,
    invitationId: invitation.id,
    projectId: project.id,
    workspaceId: defaultWorkspaceId,
    spareMemberId: spareMember.id,
    leaseId: leaseTask.leaseId,
    tokenId: created.apiToken.id,
    leaseTask,
    removedLeaseTask,
    annotationId,
    itemId: done.item.id,
    snapshotId,
    snapshotFile,
    exportJobId,
    importJobId,
    judgeId: judge.id,
    judgeJobId: judgeJob.id,
    scoreJobId: scoreJob.id,
  };
}

async function headersOf(persona: Persona, fresh: boolean): Promise<Record<string, string>> {
  if (persona === 'anonymous') return {};
  if (persona === 'readToken') return { authorization: `Bearer ${readToken}` };
  if (persona === 'tokenElsewhere') return { authorization: `Bearer ${tokenElsewhere}` };
  if (!fresh) return people[persona].headers;
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: people[persona].email, password: people[persona].password },
  });
  const session = login.cookies.find((c) => c.name === 'feedbench_session')?.value ?? '';
  const csrf = await h.app.inject({
    method: 'GET',
    url: '/api/auth/csrf',
    headers: { cookie: `feedbench_session=${session}` },
  });
  return { cookie: `feedbench_session=${session}`, 'x-csrf-token': csrf.json().csrfToken };
}

/** The status a websocket upgrade got: 101 when it opened, else the refusal's status (from the client's error). */
async function openSocket(url: string, headers: Record<string, string>) {
  try {
    const socket = await h.app.injectWS(url, { headers });
    socket.terminate();
    return { statusCode: 101, body: '' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { statusCode: Number(/\b([1-5]\d\d)\b/.exec(message)?.[1] ?? 500), body: message };
  }
}

describe('permission matrix', () => {
  it('has a rule for every route the app serves, and none for routes that are gone', () => {
    const served = h.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(served.filter((route) => !(route in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('allows and denies every route to every caller as the table says, never answering 5xx', async () => {
    const mismatches: string[] = [];
    let shared: Fixture | undefined;
    // MATRIX_ROUTES (a regular expression) runs a subset while working on some routes; CI runs every row.
    const only = process.env.MATRIX_ROUTES ? new RegExp(process.env.MATRIX_ROUTES) : undefined;
    for (const [route, rule] of Object.entries(MATRIX)) {
      if (only && !only.test(route)) continue;
      const [method = 'GET'] = route.split(' ');
      // A change's fixture left as it was by a refused call (the checksum proves it) serves the next caller too.
      let untouched: Fixture | undefined;
      for (const persona of PERSONAS) {
        // Changes get fresh data per allowed cell; reads share one fixture (they change nothing, as the fuzz test checks).
        if (method === 'GET' && !shared) shared = await fixture(true);
        const fixtureOfAll = method === 'GET' && shared ? shared : (untouched ?? (await fixture()));
        untouched = undefined;
        // The removed annotator calls their own lease's routes (the lease they held when removed).
        const fx =
          persona === 'removed'
            ? {
                ...fixtureOfAll,
                leaseId: fixtureOfAll.removedLeaseTask.leaseId,
                leaseTask: fixtureOfAll.removedLeaseTask,
              }
            : fixtureOfAll;
        const { url, payload, headers } = rule.request(fx);
        const allHeaders = { ...(await headersOf(persona, rule.freshSession === true)), ...headers };
        const before = rule.allow.includes(persona) ? undefined : await checksum();
        const response = rule.socket
          ? await openSocket(url, allHeaders)
          : await h.app.inject({
              method: method as 'GET',
              url,
              payload: payload as string | undefined,
              headers: allHeaders,
            });
        const expected = rule.allow.includes(persona) ? 'allow' : 'deny';
        const got = response.statusCode >= 500 ? 'error' : DENIED.has(response.statusCode) ? 'deny' : 'allow';
        if (got !== expected)
          mismatches.push(
            `${route} as ${persona}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        if (before !== undefined) {
          if ((await checksum()) !== before)
            mismatches.push(`${route} as ${persona}: refused (${response.statusCode}), yet the database changed`);
          else if (method !== 'GET') untouched = fixtureOfAll;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Ten callers x every route, most cells on fresh data: minutes on a busy two-core machine.
  }, 1_200_000);
});
