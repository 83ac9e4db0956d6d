/** Where the e2e server listens: not 3000, so a dev server can keep running beside the tests. */
export const PORT = Number(process.env.E2E_PORT ?? 3123);
export const BASE_URL = `http://localhost:${PORT}`;

/** The first account, created with the CLI before the server starts (support/start-server.mjs). */
export const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-1' } as const;
