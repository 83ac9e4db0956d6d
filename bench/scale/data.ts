import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync } from 'node:fs';

/**
 * The bench's ranking items, generated from a fixed seed: a prompt of ~20 words and 4 outputs of ~80 words each, with
 * a little metadata. The same generator writes the JSONL the CLI imports and the COPY files of the floor, so both
 * load the same rows.
 */

const WORDS = (
  'the model answer question explain reason because however therefore example data user assistant helpful honest ' +
  'harmless language training preference ranking output prompt careful detail summary context history science ' +
  'water river mountain city music poem story number graph table code function error test result value change ' +
  'first second third final simple complex clear short long quick slow bright dark warm cold early late small ' +
  'large open closed true false maybe often never always sometimes people system design review policy safety ' +
  'quality measure compare choose better worse best worst agree disagree write read learn teach build break'
).split(' ');

/** mulberry32 (Tommy Ettinger's 32-bit generator): small, fast, and the same sequence on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  return `${out.join(' ')}.`;
}

export interface BenchItem {
  id: string;
  prompt: string;
  outputs: { id: string; model: string; content: string }[];
  metadata: { lang: string; bucket: number };
}

export function* benchItems(count: number, seed = 12): Generator<BenchItem> {
  const random = seeded(seed);
  for (let i = 0; i < count; i++) {
    yield {
      id: `item-${i}`,
      prompt: sentence(random, 16 + Math.floor(random() * 8)),
      outputs: Array.from({ length: 4 }, (_, k) => ({
        id: `o${k}`,
        model: `model-${k}`,
        content: sentence(random, 72 + Math.floor(random() * 16)),
      })),
      metadata: { lang: random() < 0.5 ? 'en' : 'fr', bucket: i % 100 },
    };
  }
}

/** Writes the file once per size and seed (it is reused by later runs), through a temporary name. */
export async function writeJsonl(path: string, count: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(`${path}.partial`);
  for (const item of benchItems(count)) {
    if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.partial`, path);
}

/** COPY text format: backslash, tab, newline and carriage return escaped. */
const copyField = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/**
 * The COPY floor's files: the rows the import writes (items, item_outputs, item_slots with one slot each), for a
 * second project of the same database. Item ids are deterministic UUIDs; positions start far above the import's.
 */
export async function writeCopyFiles(prefix: string, count: number, projectId: string) {
  const files = { items: `${prefix}.items.tsv`, outputs: `${prefix}.outputs.tsv`, slots: `${prefix}.slots.tsv` };
  const items = createWriteStream(files.items);
  const outputs = createWriteStream(files.outputs);
  const slots = createWriteStream(files.slots);
  let i = 0;
  for (const item of benchItems(count)) {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const position = 1_000_000_000_000 + i;
    const conversation = JSON.stringify([{ role: 'user', content: item.prompt }]);
    const ok = items.write(
      `${id}\t${projectId}\t${copyField(item.id)}\t${copyField(conversation)}\t${copyField(JSON.stringify(item.metadata))}\t${position}\n`,
    );
    let text = '';
    item.outputs.forEach((o, k) => {
      text += `${id}\t${copyField(o.id)}\t${copyField(o.model)}\t${copyField(o.content)}\t${k}\n`;
    });
    const ok2 = outputs.write(text);
    const ok3 = slots.write(`${id}\t1\t${projectId}\t${position}\n`);
    // Wait only on a stream still full: one may drain while another is awaited, and a drain already past never
    // comes again (awaiting it hung the 1M run).
    for (const [full, stream] of [
      [!ok, items],
      [!ok2, outputs],
      [!ok3, slots],
    ] as const) {
      if (full && stream.writableNeedDrain) await once(stream, 'drain');
    }
    i++;
  }
  for (const stream of [items, outputs, slots]) {
    stream.end();
    await once(stream, 'finish');
  }
  return files;
}
