import path from 'node:path';
import { z } from 'zod';
import type { HashingLimits } from './modules/auth/hash-scheduler.ts';
import type { ScryptCost } from './modules/auth/password.ts';
import { webDistFolder } from './paths.ts';

/** The only place that reads process.env: every setting the server takes, described. */
const envSchema = z.object({
  /** PostgreSQL connection string; unset means the embedded PGlite database on disk. */
  DATABASE_URL: z.string().url().optional(),
  /** Where PGlite keeps its files when DATABASE_URL is unset. */
  FEEDBENCH_DATA_DIR: z.string().default('./.feedbench/data'),
  /** Where background export jobs write their files (shared by every instance that serves downloads). */
  FEEDBENCH_EXPORTS_DIR: z.string().default('./.feedbench/exports'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Interface to listen on. `localhost` (the default) is loopback only (127.0.0.1 and ::1): nobody else on the
   * network reaches the server. Set `0.0.0.0` (or an address) to serve other machines.
   */
  HOST: z.string().min(1).default('localhost'),
  /** Built web app to serve; unset: web/dist beside the server package. */
  FEEDBENCH_WEB_DIST: z.string().optional(),
  /** Names this instance's PostgreSQL connections (application_name), to tell instances apart in pg_stat_activity. */
  FEEDBENCH_INSTANCE: z.string().max(40).default('feedbench'),
  /** node-postgres pool size per instance. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** `production` turns on the start-up checks that refuse or warn about unsafe settings. */
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Idle session lifetime in hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  /** Seed the demo accounts and projects at start-up (idempotent); `pnpm start` sets it. */
  FEEDBENCH_DEMO: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Where the demo's generated passwords are kept (mode 0600) to be printed again at each start. */
  FEEDBENCH_DEMO_ACCOUNTS_FILE: z.string().default('./.feedbench/demo-accounts.json'),
  /** Set the Secure attribute on cookies (behind TLS). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Behind a reverse proxy: trust its X-Forwarded-For / -Proto so rate limits and the audit log see the real client
   * address. `true`, a hop count, or a comma-separated list of proxy addresses/CIDRs; unset: trust nobody.
   */
  TRUST_PROXY: z.string().optional(),
  /**
   * Other origins (comma-separated, e.g. `https://feedbench.example.com`) whose pages may open the live WebSocket;
   * the server's own origin always may. Browsers send cookies with cross-site socket upgrades, so others are refused.
   */
  WS_ALLOWED_ORIGINS: z.string().default(''),
  /** Failed sign-ins allowed per (client address, email) per window before that pair is locked out. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Failed sign-ins allowed per client address per window, across all emails (password spraying). */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Length of the sign-in throttling window, in minutes. */
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Consecutive failed sign-ins per email (from any address) before each further attempt must wait. */
  LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** First wait after the free failures, doubled at each further failure, up to the maximum (seconds). */
  LOGIN_ACCOUNT_DELAY_SECONDS: z.coerce.number().min(0.1).max(3600).default(1),
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS: z.coerce
    .number()
    .min(1)
    .max(24 * 3600)
    .default(300),
  /** Password hashes (scrypt, 128 MiB, ~0.4 s each) computed at once per instance; more wait in a fair queue. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Sign-ins waiting for a hash, beyond which the server answers 503 (in all) or 429 (per client address). */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  PASSWORD_HASH_QUEUE_PER_ADDRESS: z.coerce.number().int().min(0).max(1000).default(4),
  /**
   * Server secret: model connections' API keys are encrypted at rest under a key derived from it (AES-256-GCM).
   * Required with NODE_ENV=production (keys cannot be stored without it). Unset elsewhere: generated once into
   * FEEDBENCH_SECRET_FILE (mode 0600). Changing it makes stored keys unreadable: enter them again.
   */
  FEEDBENCH_SECRET: z.string().min(16, 'at least 16 characters (32 random bytes recommended)').optional(),
  FEEDBENCH_SECRET_FILE: z.string().default('./.feedbench/secret'),
  /**
   * Model endpoints on loopback and private networks (local vLLM, Ollama, a GPU box on the LAN) are allowed by
   * default; `false` refuses them too (hosted instances). Link-local and cloud metadata addresses are always refused.
   */
  FEEDBENCH_MODEL_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Comma-separated host names, addresses or CIDRs that model URLs may reach even if refused above. */
  FEEDBENCH_MODEL_ALLOW_HOSTS: z.string().default(''),
  /** Per model call, request start to last byte (ms). */
  FEEDBENCH_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
});

/** The per-email exponential delay of failed sign-ins across addresses (modules/auth/login-throttle.ts). */
export interface AccountDelay {
  /** Failures (and attempts in flight) before the delay starts. */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** After this long without an attempt, the count starts again from zero. */
  forgetAfterSeconds: number;
}

export type Config = {
  database:
    | { kind: 'postgres'; url: string; poolSize: number; applicationName?: string }
    | { kind: 'pglite'; dataDir: string };
  exportsDir: string;
  port: number;
  host: string;
  webDist: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  cookieSecure: boolean;
  demo: boolean;
  demoAccountsFile: string;
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  production: boolean;
  loginLimits: { failuresPerAccount: number; failuresPerAddress: number; windowMinutes: number };
  /** Per-email exponential delay across addresses (modules/auth/login-throttle.ts). */
  loginAccountDelay: AccountDelay;
  passwordHashing: HashingLimits;
  /**
   * scrypt's cost for new password hashes. Never read from the environment (no deployment can lower it by a
   * variable): unset, OWASP's parameters apply; the integration-test harness sets a cheap one (password.ts).
   */
  passwordCost?: ScryptCost;
  /** Origins besides the server's own allowed to open the live WebSocket. */
  allowedSocketOrigins: string[];
  /** Model connections: the secret for API keys at rest, where calls may go, how long one may take. */
  models: {
    secret: { value?: string; file: string; production: boolean };
    network: { allowPrivate: boolean; allowHosts: string[] };
    timeoutMs: number;
  };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.FEEDBENCH_DEMO && e.NODE_ENV === 'production') {
    throw new Error(
      'Invalid environment:\n  FEEDBENCH_DEMO: the demo (accounts for local trials) is refused with NODE_ENV=production',
    );
  }
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, applicationName: e.FEEDBENCH_INSTANCE }
      : { kind: 'pglite', dataDir: path.resolve(e.FEEDBENCH_DATA_DIR) },
    exportsDir: path.resolve(e.FEEDBENCH_EXPORTS_DIR),
    port: e.PORT,
    host: e.HOST,
    webDist: path.resolve(e.FEEDBENCH_WEB_DIST ?? webDistFolder),
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    demo: e.FEEDBENCH_DEMO,
    demoAccountsFile: path.resolve(e.FEEDBENCH_DEMO_ACCOUNTS_FILE),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    production: e.NODE_ENV === 'production',
    loginLimits: {
      failuresPerAccount: e.LOGIN_MAX_FAILURES,
      failuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: e.LOGIN_LOCKOUT_MINUTES,
    },
    loginAccountDelay: {
      freeFailures: e.LOGIN_ACCOUNT_FREE_FAILURES,
      baseDelaySeconds: e.LOGIN_ACCOUNT_DELAY_SECONDS,
      maxDelaySeconds: e.LOGIN_ACCOUNT_MAX_DELAY_SECONDS,
      forgetAfterSeconds: e.LOGIN_LOCKOUT_MINUTES * 60,
    },
    passwordHashing: {
      maxConcurrent: e.PASSWORD_HASH_CONCURRENCY,
      maxQueued: e.PASSWORD_HASH_QUEUE,
      maxQueuedPerLane: e.PASSWORD_HASH_QUEUE_PER_ADDRESS,
    },
    allowedSocketOrigins: e.WS_ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    models: {
      secret: {
        ...(e.FEEDBENCH_SECRET && { value: e.FEEDBENCH_SECRET }),
        file: path.resolve(e.FEEDBENCH_SECRET_FILE),
        production: e.NODE_ENV === 'production',
      },
      network: {
        allowPrivate: e.FEEDBENCH_MODEL_ALLOW_PRIVATE,
        allowHosts: e.FEEDBENCH_MODEL_ALLOW_HOSTS.split(',')
          .map((host) => host.trim())
          .filter((host) => host !== ''),
      },
      timeoutMs: e.FEEDBENCH_MODEL_TIMEOUT_MS,
    },
  };
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((part) => part.trim());
}
