import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DatabaseHandle } from '../../db/client.ts';

/**
 * "Something changed in project X": progress counters and leases. Carries ids only (NOTIFY payloads must stay under
 * 8000 bytes; listeners re-read what they show). Publishing never blocks the caller and is coalesced per project.
 */
export interface ProjectEvents {
  publish(projectId: string): void;
  subscribe(projectId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'feedbench_projects';
/** Changes within this window go out as one notification per project. */
const COALESCE_MS = 50;

export function createProjectEvents(database: DatabaseHandle, log: (message: string) => void): ProjectEvents {
  return database.engine === 'postgres' && database.url
    ? createPostgresEvents(database, database.url, log)
    : createLocalEvents();
}

function createEmitter() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit: (projectId: string) => emitter.emit(projectId),
    subscribe(projectId: string, listener: () => void) {
      emitter.on(projectId, listener);
      return () => void emitter.off(projectId, listener);
    },
  };
}

/** One process (PGlite): an in-memory emitter is the whole fan-out. */
export function createLocalEvents(): ProjectEvents {
  const emitter = createEmitter();
  return {
    publish: (projectId) => queueMicrotask(() => emitter.emit(projectId)),
    subscribe: emitter.subscribe,
    close: async () => {},
  };
}

/**
 * Several instances on one PostgreSQL: NOTIFY reaches every instance's LISTEN connection. NOTIFY is sent after the
 * change committed, in its own statement, batched: a pending NOTIFY inside the submit transaction would take
 * PostgreSQL's global notify lock at commit and serialize submits (PEERS.md). LISTEN uses a dedicated direct
 * connection (it does not work through a transaction-mode pooler) that reconnects when lost.
 */
function createPostgresEvents(database: DatabaseHandle, url: string, log: (message: string) => void): ProjectEvents {
  const emitter = createEmitter();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let listener: pg.Client | undefined;
  let closed = false;
  let retryMs = 100;

  async function connect() {
    if (closed) return;
    const client = new pg.Client({
      connectionString: url,
      application_name: `${database.applicationName ?? 'feedbench'}-listen`,
    });
    client.on('notification', (message) => {
      if (message.payload) emitter.emit(message.payload);
    });
    const reconnect = (reason: string) => {
      if (closed || listener !== client) return;
      listener = undefined;
      log(`live updates: LISTEN connection lost (${reason}); reconnecting`);
      client.end().catch(() => {});
      setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
    client.on('error', (error) => reconnect(error.message));
    client.on('end', () => reconnect('ended'));
    listener = client;
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      retryMs = 100;
    } catch (error) {
      reconnect((error as Error).message);
    }
  }

  async function flush() {
    timer = undefined;
    const ids = [...pending];
    pending.clear();
    try {
      await database.db.execute(
        sql`select pg_notify(${CHANNEL}, id) from unnest(array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[]) as id`,
      );
    } catch (error) {
      // Live counters are a convenience: a lost notification is corrected by the next one or a page refresh.
      log(`live updates: notify failed (${(error as Error).message})`);
    }
  }

  void connect();
  return {
    publish(projectId) {
      pending.add(projectId);
      timer ??= setTimeout(() => void flush(), COALESCE_MS);
    },
    subscribe: emitter.subscribe,
    async close() {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        await flush();
      }
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
    },
  };
}
