import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { adjudicationRoutes } from './modules/adjudication/adjudication.routes.ts';
import { agreementRoutes } from './modules/agreement/agreement.routes.ts';
import { annotationsRoutes } from './modules/annotations/annotations.routes.ts';
import { assignmentRoutes } from './modules/assignment/assignment.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createLoginThrottleRepository } from './modules/auth/login-throttle.repository.ts';
import { createLoginThrottle } from './modules/auth/login-throttle.ts';
import { chatsRoutes } from './modules/chats/chats.routes.ts';
import { draftsRoutes } from './modules/drafts/drafts.routes.ts';
import { exportsRoutes } from './modules/exports/exports.routes.ts';
import { goldRoutes } from './modules/gold/gold.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { itemBrowserRoutes } from './modules/items/item-browser.routes.ts';
import { itemsRoutes } from './modules/items/items.routes.ts';
import { registerJudgeJobResumption } from './modules/judges/judge-jobs.resume.ts';
import type { JudgeJobTiming } from './modules/judges/judge-jobs.runner.ts';
import { judgesRoutes } from './modules/judges/judges.routes.ts';
import { rewardScoresRoutes } from './modules/judges/reward-scores.routes.ts';
import { leaderboardRoutes } from './modules/leaderboard/leaderboard.routes.ts';
import { liveRoutes, registerLiveRechecks } from './modules/live/live.routes.ts';
import { createLiveHub } from './modules/live/live-hub.ts';
import { createProjectEvents } from './modules/live/project-events.ts';
import { generationJobsRoutes } from './modules/models/generation-jobs.routes.ts';
import type { GenerationTimings } from './modules/models/generation-runner.ts';
import { modelsRoutes } from './modules/models/models.routes.ts';
import { projectsRoutes } from './modules/projects/projects.routes.ts';
import { reviewRoutes } from './modules/review/review.routes.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { invitationsRoutes } from './modules/workspaces/invitations.routes.ts';
import { workspacesRoutes } from './modules/workspaces/workspaces.routes.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { registerCsrfProtection } from './plugins/csrf.ts';
import { registerErrorHandler, sendRouteNotFound } from './plugins/error-handler.ts';
import { registerInputGuard } from './plugins/input-guard.ts';
import { createRateLimitRepository } from './plugins/rate-limit.repository.ts';
import { registerRateLimiting } from './plugins/rate-limit.ts';
import { collectRoutes } from './plugins/route-table.ts';
import {
  allowInlineStylesForDocs,
  OPENAPI_SECURITY_SCHEMES,
  registerSecurityHeaders,
} from './plugins/security-headers.ts';
import { createServices } from './services.ts';

/** Largest JSON body (imports stream theirs, see items.routes.ts); larger answers 413. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** Retry and heartbeat timing of judging jobs (tests shorten the backoff). */
  judgeTiming?: Partial<JudgeJobTiming>;
  /** Where log lines go instead of stdout (tests that read them: no secret may reach a log line). */
  logStream?: NodeJS.WritableStream;
  /** Generation jobs' claim, backoff and progress timings (tests shorten them). */
  generationTimings?: Partial<GenerationTimings>;
}

/** Infrastructure plugins, then feature modules. No listen(): tests call inject() on the result. */
export async function buildApp({
  config,
  database,
  clock = systemClock,
  serveWeb = true,
  judgeTiming,
  logStream,
  generationTimings,
}: BuildAppOptions) {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...(logStream && { stream: logStream }) },
    // JSON bodies stay small; import routes stream theirs instead of buffering them.
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  const routeTable = collectRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGuard(app);

  const events = createProjectEvents(database, (message) => app.log.warn(message));
  app.addHook('onClose', () => events.close());
  const services = createServices(database, {
    clock,
    judgeTiming,
    sessionTtlHours: config.sessionTtlHours,
    events,
    exportsDir: config.exportsDir,
    passwordHashing: config.passwordHashing,
    passwordCost: config.passwordCost,
    models: config.models,
    log: (message, error) => app.log.warn({ err: error }, message),
    generationTimings,
  });
  // Jobs running here stop with the app (their claims given back); the next start resumes them (main.ts).
  app.addHook('onClose', () => services.generation.close());

  await registerSecurityHeaders(app, { tls: config.cookieSecure });
  if (config.production && !config.cookieSecure) {
    app.log.warn('NODE_ENV=production without COOKIE_SECURE=true: session cookies would travel over plain http');
  }
  await registerRateLimiting(app, { repository: createRateLimitRepository(database.db), clock });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Feedbench API', version: '0.1.0', description: 'Human feedback collection for SFT and RLHF' },
      components: { securitySchemes: OPENAPI_SECURITY_SCHEMES },
      security: [{ apiToken: [] }, { session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', transformStaticCSP: allowInlineStylesForDocs });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  registerAuthentication(app, services.auth, services.tokens.resolve);
  registerCsrfProtection(app);
  const liveHub = createLiveHub({
    db: database.db,
    clock,
    events,
    progressOf: (projectId) => services.projects.progressOf(projectId),
    recentExportJobs: (projectId) => services.exports.jobs.recent(projectId),
    recentImportJobs: (projectId) => services.items.imports.recent(projectId),
    recentJudgeJobs: (projectId) => services.judges.jobs.recent(projectId),
    recentGenerationJobs: (projectId) => services.generation.recent(projectId),
    recentScoreJobs: (projectId) => services.rewardScores.recent(projectId),
    log: (message, error) => app.log.warn({ err: error }, message),
  });
  app.addHook('onClose', async () => liveHub.close());
  registerLiveRechecks(app, liveHub);

  await app.register(healthRoutes(database));
  await app.register(
    authRoutes(services.auth, {
      secure: config.cookieSecure,
      loginThrottle: createLoginThrottle({
        hits: createRateLimitRepository(database.db),
        accounts: createLoginThrottleRepository(database.db),
        clock,
        limits: config.loginLimits,
        accountDelay: config.loginAccountDelay,
      }),
    }),
  );
  await app.register(tokensRoutes(services.tokens));
  await app.register(workspacesRoutes(services.workspaces));
  await app.register(invitationsRoutes(services.invitations));
  await app.register(auditRoutes(services.audit));
  await app.register(reviewRoutes(services.review));
  await app.register(goldRoutes(services.gold));
  await app.register(adjudicationRoutes(services.adjudication));
  await app.register(projectsRoutes(services.projects));
  await app.register(itemsRoutes(services.projects, services.items));
  await app.register(itemBrowserRoutes(services.itemBrowser));
  await app.register(modelsRoutes(services.models, services.projects));
  await app.register(generationJobsRoutes(services.generation, services.projects));
  await app.register(annotationsRoutes(services.annotations));
  await app.register(exportsRoutes(services.projects, services.exports));
  await app.register(agreementRoutes(services.agreement));
  await app.register(leaderboardRoutes(services.leaderboard));
  await app.register(draftsRoutes(services.drafts));
  await app.register(chatsRoutes(services.chats));
  app.addHook('onClose', async () => services.chats.close());
  await app.register(assignmentRoutes(services.projects, services.assignment));
  await app.register(judgesRoutes(services.judges));
  registerJudgeJobResumption(app, services.judges, (message, error) => app.log.warn({ err: error }, message));
  await app.register(rewardScoresRoutes(services.rewardScores));
  registerJudgeJobResumption(app, { jobs: services.rewardScores }, (message, error) =>
    app.log.warn({ err: error }, message),
  );
  await app.register(liveRoutes(services.projects, liveHub, { allowedOrigins: config.allowedSocketOrigins }));

  const webDist = serveWeb && existsSync(config.webDist) ? config.webDist : undefined;
  if (serveWeb && !webDist) app.log.warn({ webDist: config.webDist }, 'web app not built: run `pnpm build`');
  if (webDist) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  // The SPA's client routes survive a reload: any other non-API GET gets index.html.
  app.setNotFoundHandler((request, reply) =>
    webDist && request.method === 'GET' && !request.url.startsWith('/api/')
      ? reply.sendFile('index.html')
      : sendRouteNotFound(request, reply),
  );
  return Object.assign(app, { services, routeTable });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
