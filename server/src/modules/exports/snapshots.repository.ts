import type { DatasetStatistics, ExportOptions, SnapshotFile } from '@feedbench/shared';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { datasetSnapshotChunks, datasetSnapshots } from '../../db/schema/index.ts';

export type SnapshotRow = typeof datasetSnapshots.$inferSelect;

/** Snapshot rows and their file chunks; a snapshot is inserted building, finished once, never changed after. */
export function createSnapshotsRepository(db: Executor) {
  return {
    /** Undefined when the project already has a snapshot of that name. */
    async insertBuilding(values: {
      projectId: string;
      name: string;
      description: string;
      license: string;
      options: ExportOptions;
      createdBy: string;
      createdAt: Date;
    }): Promise<string | undefined> {
      const [row] = await db
        .insert(datasetSnapshots)
        .values(values)
        .onConflictDoNothing({ target: [datasetSnapshots.projectId, datasetSnapshots.name] })
        .returning({ id: datasetSnapshots.id });
      return row?.id;
    },

    async insertChunk(snapshotId: string, file: string, seq: number, gzip: Buffer) {
      await db.insert(datasetSnapshotChunks).values({ snapshotId, file, seq, gzip });
    },

    async finish(
      snapshotId: string,
      values: { contentHash: string; files: SnapshotFile[]; statistics: DatasetStatistics; card: string },
    ) {
      await db
        .update(datasetSnapshots)
        .set({ ...values, state: 'ready' })
        .where(and(eq(datasetSnapshots.id, snapshotId), eq(datasetSnapshots.state, 'building')));
    },

    async remove(snapshotId: string) {
      await db.delete(datasetSnapshots).where(eq(datasetSnapshots.id, snapshotId));
    },

    listReady(projectId: string): Promise<SnapshotRow[]> {
      return db
        .select()
        .from(datasetSnapshots)
        .where(and(eq(datasetSnapshots.projectId, projectId), eq(datasetSnapshots.state, 'ready')))
        .orderBy(desc(datasetSnapshots.createdAt), asc(datasetSnapshots.name));
    },

    async findReady(projectId: string, snapshotId: string): Promise<SnapshotRow | undefined> {
      const [row] = await db
        .select()
        .from(datasetSnapshots)
        .where(
          and(
            eq(datasetSnapshots.id, snapshotId),
            eq(datasetSnapshots.projectId, projectId),
            eq(datasetSnapshots.state, 'ready'),
          ),
        );
      return row;
    },

    /** A few chunks of a file after `afterSeq`, in order: downloads stream in constant memory. */
    chunks(snapshotId: string, file: string, afterSeq: number, limit: number) {
      return db
        .select({ seq: datasetSnapshotChunks.seq, gzip: datasetSnapshotChunks.gzip })
        .from(datasetSnapshotChunks)
        .where(
          and(
            eq(datasetSnapshotChunks.snapshotId, snapshotId),
            eq(datasetSnapshotChunks.file, file),
            gt(datasetSnapshotChunks.seq, afterSeq),
          ),
        )
        .orderBy(asc(datasetSnapshotChunks.seq))
        .limit(limit);
    },
  };
}
