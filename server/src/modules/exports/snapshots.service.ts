import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CreateSnapshotBody, ExportOptions, Snapshot, SnapshotFile } from '@feedbench/shared';
import { createSnapshotBody } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { datasetCard } from './dataset-card.ts';
import { createStatisticsCollector } from './dataset-stats.ts';
import { exportErrors } from './exports.errors.ts';
import type { ExportObserver, ExportProject } from './exports.types.ts';
import { templateView } from './judgements.ts';
import { createSnapshotsRepository, type SnapshotRow } from './snapshots.repository.ts';

/** Raw text per stored chunk (one gzip member each): bounded memory while building and serving. */
const CHUNK_BYTES = 1024 * 1024;
/** Chunks read per query when serving a file. */
const CHUNKS_PER_READ = 8;

type Lines = (
  project: ExportProject,
  options: ExportOptions,
  pageSize?: number,
  observe?: ExportObserver,
) => AsyncIterable<string>;

function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    description: row.description,
    license: row.license,
    options: row.options,
    contentHash: row.contentHash ?? '',
    files: row.files,
    statistics: row.statistics as Snapshot['statistics'],
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Named, immutable dataset versions. Taking one streams the export into chunk rows (no transaction: the export
 * reads through the pool, and PGlite's single connection would deadlock under one) with `to` pinned to the moment it
 * is taken; the row turns ready, with its hashes and card, only once every chunk is written; a failure removes it.
 */
export function createSnapshotsService({ db, clock, lines }: { db: Database; clock: Clock; lines: Lines }) {
  const repository = createSnapshotsRepository(db);

  async function writeFile(snapshotId: string, name: string, text: AsyncIterable<string>): Promise<SnapshotFile> {
    const hash = createHash('sha256');
    let pending: string[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let bytes = 0;
    let lineCount = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const raw = Buffer.from(pending.join(''), 'utf8');
      await repository.insertChunk(snapshotId, name, seq++, gzipSync(raw));
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of text) {
      const size = Buffer.byteLength(chunk, 'utf8');
      hash.update(chunk, 'utf8');
      bytes += size;
      for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) lineCount++;
      pending.push(chunk);
      pendingBytes += size;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    return { name, lines: lineCount, bytes, sha256: hash.digest('hex') };
  }

  return {
    async create(project: ExportProject, userId: string, input: CreateSnapshotBody): Promise<Snapshot> {
      const { name, description, license, ...requested } = createSnapshotBody.parse(input);
      const createdAt = clock.now();
      // The snapshot is what had been submitted when it was taken, that instant included (`to` is an exclusive
      // bound, and timestamps are stored to the millisecond): later annotations never change it.
      const pinned = new Date(createdAt.getTime() + 1);
      const to = requested.to && Date.parse(requested.to) < pinned.getTime() ? requested.to : pinned.toISOString();
      const options: ExportOptions = { ...requested, to };
      const snapshotId = await repository.insertBuilding({
        projectId: project.id,
        name,
        description,
        license,
        options,
        createdBy: userId,
        createdAt,
      });
      if (!snapshotId) throw exportErrors.snapshotNameTaken(name);
      try {
        const collector = createStatisticsCollector(project.id, templateView(project.settings.questions));
        const sides =
          options.split === 'all'
            ? [{ file: 'data.jsonl', split: 'all' as const }]
            : [
                { file: 'train.jsonl', split: 'train' as const },
                { file: 'test.jsonl', split: 'test' as const },
              ];
        const files: SnapshotFile[] = [];
        for (const side of sides) {
          const text = lines(project, { ...options, split: side.split }, undefined, collector.observe);
          files.push(await writeFile(snapshotId, side.file, text));
        }
        const contentHash = createHash('sha256')
          .update(files.map((f) => `${f.name}\t${f.sha256}\n`).join(''))
          .digest('hex');
        const statistics = collector.summary();
        const card = datasetCard({
          name,
          description,
          license,
          projectName: project.name,
          createdAt,
          options,
          files,
          contentHash,
          statistics,
        });
        await repository.finish(snapshotId, { contentHash, files, statistics, card });
        const row = await repository.findReady(project.id, snapshotId);
        if (!row) throw new Error(`snapshot ${snapshotId} vanished while being finished`);
        return toSnapshot(row);
      } catch (error) {
        await repository.remove(snapshotId);
        throw error;
      }
    },

    async list(projectId: string): Promise<Snapshot[]> {
      return (await repository.listReady(projectId)).map(toSnapshot);
    },

    async detail(projectId: string, snapshotId: string): Promise<Snapshot & { card: string }> {
      const row = await repository.findReady(projectId, snapshotId);
      if (!row) throw exportErrors.snapshotNotFound();
      return { ...toSnapshot(row), card: row.card ?? '' };
    },

    /**
     * A stored file as it was written: gzip (the stored members concatenated, a valid .gz) or plain text; the card
     * as README.md. Throws before streaming when the snapshot or file does not exist.
     */
    async file(projectId: string, snapshotId: string, file: string, gzip: boolean) {
      const row = await repository.findReady(projectId, snapshotId);
      if (!row) throw exportErrors.snapshotNotFound();
      if (file === 'README.md') return { kind: 'card' as const, text: row.card ?? '' };
      if (!row.files.some((f) => f.name === file)) throw exportErrors.snapshotFileNotFound(file);
      async function* body(): AsyncGenerator<Buffer> {
        let after = -1;
        for (;;) {
          const chunks = await repository.chunks(snapshotId, file, after, CHUNKS_PER_READ);
          for (const chunk of chunks) yield gzip ? chunk.gzip : gunzipSync(chunk.gzip);
          const last = chunks.at(-1);
          if (!last || chunks.length < CHUNKS_PER_READ) return;
          after = last.seq;
        }
      }
      return { kind: 'data' as const, name: row.name, body: body() };
    },
  };
}
export type SnapshotsService = ReturnType<typeof createSnapshotsService>;
