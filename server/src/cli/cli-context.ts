import { loadConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { systemClock } from '../lib/clock.ts';
import type { SessionUser } from '../modules/auth/auth.service.ts';
import { createServices, type Services } from '../services.ts';

export interface CliContext {
  services: Services;
  database: DatabaseHandle;
  /** The account the CLI acts as: the oldest admin. Projects it creates are owned by that admin. */
  actor(): Promise<SessionUser>;
}

export class CliError extends Error {}

/** Opens the same database the server uses (same env), applies migrations, runs `fn`, and always closes. */
export async function withCliContext<T>(fn: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    await database.migrate();
    const services = createServices(database, {
      clock: systemClock,
      sessionTtlHours: config.sessionTtlHours,
      models: config.models,
    });
    const actor = async () => {
      const admin = await services.auth.firstAdmin();
      if (!admin) throw new CliError('No admin account yet: create one with `feedbench user add --role admin ...`');
      return admin;
    };
    return await fn({ services, database, actor });
  } finally {
    await database.close();
  }
}
