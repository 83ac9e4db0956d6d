import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { modelConnections } from '../../db/schema/index.ts';

export type ModelConnectionRow = typeof modelConnections.$inferSelect;
/** Every column but the key: what general queries select (the key only leaves the table to be decrypted for a call). */
export type PublicConnectionRow = Omit<ModelConnectionRow, 'apiKeyEncrypted'> & { hasApiKey: boolean };

/** The public columns and whether a key is stored: the ciphertext itself stays out of general queries. */
const publicColumns = {
  id: modelConnections.id,
  workspaceId: modelConnections.workspaceId,
  name: modelConnections.name,
  baseUrl: modelConnections.baseUrl,
  model: modelConnections.model,
  defaultParams: modelConnections.defaultParams,
  createdBy: modelConnections.createdBy,
  createdAt: modelConnections.createdAt,
  updatedAt: modelConnections.updatedAt,
  hasApiKey: sql<boolean>`${modelConnections.apiKeyEncrypted} is not null`,
};

function toPublic(row: ModelConnectionRow): PublicConnectionRow {
  const { apiKeyEncrypted, ...rest } = row;
  return { ...rest, hasApiKey: apiKeyEncrypted !== null };
}

export function createModelsRepository(db: Executor) {
  const selectPublic = () => db.select(publicColumns).from(modelConnections);

  return {
    /** Null when the (workspace, name) pair is taken. */
    async insert(row: typeof modelConnections.$inferInsert): Promise<PublicConnectionRow | undefined> {
      const [inserted] = await db.insert(modelConnections).values(row).onConflictDoNothing().returning();
      return inserted && toPublic(inserted);
    },

    async find(id: string): Promise<PublicConnectionRow | undefined> {
      const [row] = await selectPublic().where(eq(modelConnections.id, id));
      return row;
    },

    /** The row with its encrypted key, for a call. */
    async findWithKey(id: string): Promise<ModelConnectionRow | undefined> {
      const [row] = await db.select().from(modelConnections).where(eq(modelConnections.id, id));
      return row;
    },

    async nameTaken(workspaceId: string | null, name: string, exceptId: string): Promise<boolean> {
      const rows = await db
        .select({ id: modelConnections.id })
        .from(modelConnections)
        .where(
          and(
            workspaceId ? eq(modelConnections.workspaceId, workspaceId) : isNull(modelConnections.workspaceId),
            eq(modelConnections.name, name),
          ),
        );
      return rows.some((r) => r.id !== exceptId);
    },

    /** Connections of these workspaces, with or without the instance-wide ones (all of them when `workspaceIds` is null). */
    async list(workspaceIds: string[] | null, withInstanceWide: boolean): Promise<PublicConnectionRow[]> {
      const scope =
        workspaceIds === null
          ? undefined
          : or(
              workspaceIds.length > 0 ? inArray(modelConnections.workspaceId, workspaceIds) : undefined,
              withInstanceWide ? isNull(modelConnections.workspaceId) : undefined,
            );
      if (workspaceIds !== null && workspaceIds.length === 0 && !withInstanceWide) return [];
      const rows = await selectPublic().where(scope).orderBy(asc(modelConnections.name), asc(modelConnections.id));
      return rows;
    },

    async update(
      id: string,
      changes: Partial<
        Pick<ModelConnectionRow, 'name' | 'baseUrl' | 'model' | 'apiKeyEncrypted' | 'defaultParams' | 'updatedAt'>
      >,
    ): Promise<PublicConnectionRow | undefined> {
      const [row] = await db.update(modelConnections).set(changes).where(eq(modelConnections.id, id)).returning();
      return row && toPublic(row);
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db
        .delete(modelConnections)
        .where(eq(modelConnections.id, id))
        .returning({ id: modelConnections.id });
      return rows.length > 0;
    },
  };
}
