import { healthResponse } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../../db/client.ts';

export function healthRoutes(database: DatabaseHandle): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/health', { schema: { tags: ['health'], response: { 200: healthResponse } } }, async () => {
      await database.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: database.engine };
    });
  };
}
