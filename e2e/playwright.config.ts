import { defineConfig, devices } from '@playwright/test';
import { ADMIN, BASE_URL, PORT } from './support/env.ts';

/** Specs that hold the server's database for long stretches, or measure latency. */
const ALONE = [
  /researcher-imports-large-file\.spec\.ts/,
  /researcher-exports-files\.spec\.ts/,
  /researcher-generates-outputs\.spec\.ts/,
  /annotator-chats-live\.spec\.ts/,
  /bench-.*\.spec\.ts/,
];

const browser = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 900 },
  launchOptions: {
    // Debian's Chromium: `playwright install` cannot download browsers here.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  // One server, one database. Spec files run two at a time (tests inside a file in order): specs make their own users
  // and projects and never change shared accounts, and much of a journey's time is the browser rendering or waiting
  // (leases, streams), which overlaps with the other file's database work. E2E_WORKERS=1 for readable serial runs.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 900 },
  },
  projects: [
    { name: 'together', testIgnore: ALONE, use: browser },
    // After the others, one at a time: a 30,000-line import or an export holds the single PGlite connection for
    // seconds, which would stall a journey running beside it; the benchmarks measure latency on a quiet server.
    { name: 'alone', testMatch: ALONE, dependencies: ['together'], workers: 1, use: browser },
  ],
  webServer: {
    command: 'node support/start-server.mjs',
    url: `${BASE_URL}/api/health`,
    env: { PORT: String(PORT), E2E_ADMIN_EMAIL: ADMIN.email, E2E_ADMIN_PASSWORD: ADMIN.password },
    // Building the web app and migrating a fresh database take a while on a cold machine.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
