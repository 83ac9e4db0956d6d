import type { DiffPart } from './contracts/review.ts';

/** Past this many differing tokens on each side the middle is shown as one removal and one addition (LCS is n*m). */
const MAX_LCS_TOKENS = 2000;

/**
 * Word-level diff from `before` to `after` (tokens: runs of non-space and runs of space), for showing a reviewer's
 * correction against the annotator's text. Common prefix and suffix are trimmed, then the middle is aligned by a
 * longest common subsequence (the classic dynamic programme, Hunt & McIlroy 1976 style).
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length > MAX_LCS_TOKENS || midB.length > MAX_LCS_TOKENS) {
    push('removed', midA.join(''));
    push('added', midB.join(''));
  } else {
    for (const [op, text] of alignMiddle(midA, midB)) push(op, text);
  }
  push('same', a.slice(endA).join(''));
  return parts;
}

function tokens(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

function alignMiddle(a: string[], b: string[]): [DiffPart['op'], string][] {
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: [DiffPart['op'], string][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(['same', a[i] as string]);
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push(['removed', a[i++] as string]);
    } else {
      out.push(['added', b[j++] as string]);
    }
  }
  while (i < a.length) out.push(['removed', a[i++] as string]);
  while (j < b.length) out.push(['added', b[j++] as string]);
  return out;
}
