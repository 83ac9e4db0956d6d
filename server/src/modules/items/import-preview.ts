import {
  IMPORT_PREVIEW_LIMITS,
  type ImportFormat,
  type ImportPreview,
  type ImportPreviewItem,
  type ImportProblem,
} from '@feedbench/shared';
import { AppError } from '../../lib/app-error.ts';
import { converterFor } from './import-formats/import-formats.ts';
import { fileLines, unpackedChunks } from './import-lines.ts';
import { createLineChecker, type ImportTarget, reportedProblem } from './import-parser.ts';

/** Texts longer than this are cut in the preview (the import itself keeps them whole). */
const PREVIEW_TEXT_CHARS = 2_000;
/** What gzip may unpack to while previewing: a small compressed head cannot turn into gigabytes of work. */
const PREVIEW_UNPACKED_BYTES = 4 * IMPORT_PREVIEW_LIMITS.maxBytes;

const cut = (text: string) => (text.length > PREVIEW_TEXT_CHARS ? `${text.slice(0, PREVIEW_TEXT_CHARS)}…` : text);

/** The format a parsed line looks like, by its keys; undefined when it looks like none. */
export function detectFormat(json: unknown): ImportFormat | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const line = json as Record<string, unknown>;
  if (Array.isArray(line.messages)) return 'openai-chat';
  if ('chosen' in line && 'rejected' in line) {
    const transcript = typeof line.chosen === 'string' && line.chosen.includes('\n\nAssistant:');
    return transcript && !('prompt' in line) ? 'hh-rlhf' : 'trl-preference';
  }
  if ('prompt' in line) return 'feedbench';
  return undefined;
}

/**
 * Reads at most `maxBytes` of the body, then stops; reports whether anything was left unread. The rest of the body is
 * never pulled, so a preview of a 2 GiB upload costs what its head costs.
 */
async function* bounded(source: AsyncIterable<Buffer | string>, maxBytes: number, state: { truncated: boolean }) {
  let bytes = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes + buffer.length > maxBytes) {
      yield buffer.subarray(0, maxBytes - bytes);
      state.truncated = true;
      return;
    }
    bytes += buffer.length;
    yield buffer;
  }
}

/**
 * The first `lines` non-blank lines of an import file, checked exactly as the import checks them (createLineChecker:
 * JSON, conversion from `format`, the line schema, the project's template), with nothing written anywhere. A cut
 * gzip stream or a cut last line (the body being a head of the file) ends the preview quietly.
 */
export async function previewImport(
  target: ImportTarget,
  source: { body: AsyncIterable<Buffer | string>; format: ImportFormat; lines: number; partial: boolean },
): Promise<ImportPreview> {
  const converter = converterFor(source.format);
  const refusal =
    converter && converter.kind !== target.kind
      ? `${source.format} files import into a ${converter.kind} project; this one is a ${target.kind} project`
      : null;
  const check = createLineChecker(target, source.format);
  const state = { truncated: false };
  let bytesRead = 0;
  let gzip = false;
  let unpacked = 0;
  const raw = bounded(source.body, IMPORT_PREVIEW_LIMITS.maxBytes, state);
  const sniffed = (async function* () {
    let first = true;
    for await (const chunk of raw) {
      if (first) gzip = chunk[0] === 0x1f && chunk[1] === 0x8b;
      first = false;
      yield chunk;
    }
  })();
  const chunks = unpackedChunks(sniffed, { maxBytes: Number.POSITIVE_INFINITY, onBytes: (b) => (bytesRead = b) });
  const cappedUnpacked = (async function* () {
    for await (const chunk of chunks) {
      unpacked += chunk.length;
      if (unpacked > PREVIEW_UNPACKED_BYTES) {
        state.truncated = true;
        return;
      }
      yield chunk;
    }
  })();

  const items: ImportPreviewItem[] = [];
  const problems: ImportProblem[] = [];
  let detectedFormat: ImportFormat | undefined;
  let validLines = 0;
  let badLines = 0;
  let linesRead = 0;
  let shown = 0;
  let endedEarly = false;
  let held: Parameters<typeof check>[0] | undefined;

  const take = (fileLine: Parameters<typeof check>[0]) => {
    if ('text' in fileLine && detectedFormat === undefined && fileLine.text.trim() !== '') {
      try {
        detectedFormat = detectFormat(JSON.parse(fileLine.text));
      } catch {
        // Not JSON: the line's problem says so; the format stays unknown.
      }
    }
    const checked = check(fileLine);
    if (checked === undefined) return;
    linesRead = fileLine.line;
    shown++;
    if ('problems' in checked) {
      badLines++;
      for (const problem of checked.problems) {
        problems.push(reportedProblem(fileLine.line, problem));
      }
      return;
    }
    validLines++;
    const { item } = checked;
    const conversation = typeof item.prompt === 'string' ? [{ role: 'user', content: item.prompt }] : [...item.prompt];
    items.push({
      line: fileLine.line,
      externalId: item.id,
      conversation: conversation.map((m) => ({ role: m.role, content: cut(m.content) })),
      outputs: (item.outputs ?? []).map((o) => ({ id: o.id, model: o.model ?? null, content: cut(o.content) })),
      metadata: item.metadata ? cut(JSON.stringify(item.metadata)) : null,
    });
  };

  try {
    // One line behind: the last line of a cut body is itself cut, and is only taken when the body was whole.
    for await (const fileLine of fileLines(cappedUnpacked, IMPORT_PREVIEW_LIMITS.maxBytes)) {
      if (held) take(held);
      held = fileLine;
      if (shown >= source.lines) {
        endedEarly = true;
        break;
      }
    }
  } catch (error) {
    // A gzip stream cut by the byte bound (or by the browser's slice) ends here; anything else is the file's fault.
    if (!(error instanceof AppError && error.code === 'import.unreadable' && (state.truncated || source.partial))) {
      throw error;
    }
    state.truncated = true;
  }
  const cutShort = state.truncated || source.partial;
  if (held && !endedEarly && !cutShort && shown < source.lines) take(held);
  if (linesRead === 0 && held) linesRead = held.line;

  return {
    format: source.format,
    detectedFormat: detectedFormat ?? null,
    gzip,
    bytesRead,
    linesRead,
    complete: !endedEarly && !cutShort,
    validLines,
    badLines,
    items,
    problems,
    refusal,
  };
}
