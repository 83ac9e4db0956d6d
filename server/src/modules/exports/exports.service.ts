import type { ExportFormat } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import { createExportsRepository, type ExportRecord } from './exports.repository.ts';
import { openaiChatLines } from './formats/openai-chat.ts';
import { trlPreferenceLines } from './formats/trl-preference.ts';

const DEFAULT_PAGE_SIZE = 500;

const FORMATS: Record<ExportFormat, (record: ExportRecord) => Generator<unknown>> = {
  'openai-chat': openaiChatLines,
  'trl-preference': trlPreferenceLines,
};

export function createExportsService({ db }: { db: Database }) {
  const repository = createExportsRepository(db);
  return {
    /** JSONL lines, one page of annotations at a time; the consumer's pace drives the reads (backpressure). */
    async *lines(projectId: string, format: ExportFormat, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<string> {
      const toLines = FORMATS[format];
      let cursor: Awaited<ReturnType<typeof repository.page>>['next'];
      do {
        const page = await repository.page(projectId, cursor, pageSize);
        let chunk = '';
        for (const record of page.records) {
          for (const line of toLines(record)) chunk += `${JSON.stringify(line)}\n`;
        }
        if (chunk) yield chunk;
        cursor = page.next;
      } while (cursor);
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;
