import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { itemErrors } from './items.errors.ts';

/** A line of the file: its text, or only its length when it was longer than the limit (never held whole). */
export type FileLine = { line: number; text: string } | { line: number; tooLong: number };

/** A zlib error (truncated file, corrupt data, junk after the last member) as the 422 that says so; others as is. */
function notValidGzip(error: NodeJS.ErrnoException): Error {
  return error.code?.startsWith('Z_') ? itemErrors.unreadable(`not valid gzip: ${error.message}`) : error;
}

/** The two first bytes of every gzip member (RFC 1952 §2.3.1). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * The bytes of an import file as they arrive, unpacked when they are gzip (recognised by its magic bytes, whatever
 * the file is called), counting the bytes read as sent and refusing more than `maxBytes` of them. Nothing is
 * buffered beyond a chunk: the consumer's pace (awaited database batches) holds the source back.
 */
export async function* unpackedChunks(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  { maxBytes, onBytes }: { maxBytes: number; onBytes: (bytes: number) => void },
): AsyncGenerator<Buffer> {
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > maxBytes) throw itemErrors.tooLarge(maxBytes);
      onBytes(bytes);
      yield buffer;
    }
  }
  const iterator = counted()[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
  if (first.value[0] !== GZIP_MAGIC[0] || first.value[1] !== GZIP_MAGIC[1]) {
    yield* rest;
    return;
  }
  const gunzip = createGunzip();
  const unpacked = new PassThrough();
  // The pipeline carries errors both ways: a source error ends the iteration below, a corrupt stream is reported.
  // It destroys `unpacked` with zlib's own error before its promise settles, so the iteration maps that error too.
  const piping = pipeline(rest, gunzip, unpacked).catch((error: NodeJS.ErrnoException) => {
    unpacked.destroy(notValidGzip(error));
  });
  try {
    for await (const chunk of unpacked) yield chunk as Buffer;
  } catch (error) {
    throw notValidGzip(error as NodeJS.ErrnoException);
  } finally {
    gunzip.destroy();
    await piping;
  }
}

/**
 * Splits a byte stream into lines (LF or CRLF, numbered from 1, blank lines counted). A line longer than
 * `maxLineBytes` is skipped to its end and reported by length, so one huge line cannot exhaust memory.
 */
export async function* fileLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<FileLine> {
  let line = 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = 0;
  const finish = (tail: Buffer): FileLine => {
    const number = line++;
    if (overflow > 0 || pendingBytes + tail.length > maxLineBytes) {
      const length = overflow + pendingBytes + tail.length;
      overflow = 0;
      pending = [];
      pendingBytes = 0;
      return { line: number, tooLong: length };
    }
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    // A byte-order mark some editors put at the top of a UTF-8 file is not part of the first line.
    if (number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    return { line: number, text };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      yield finish(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (overflow > 0 || pendingBytes + rest.length > maxLineBytes) {
        overflow += pendingBytes + rest.length;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copied: the source may reuse its buffer for the next chunk.
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
      }
    }
  }
  if (pendingBytes > 0 || overflow > 0) yield finish(Buffer.alloc(0));
}
