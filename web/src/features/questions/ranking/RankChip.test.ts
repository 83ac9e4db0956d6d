import { describe, expect, it } from 'vitest';
import { preview } from './RankChip.tsx';

describe('rank chip preview', () => {
  it('keeps every character of the text and drops only Markdown syntax', () => {
    expect(preview('Use a_b and 2 * 3 when x > y in C# or F#.')).toBe('Use a_b and 2 * 3 when x > y in C# or F#.');
    expect(preview('# Title\n\n> quoted **bold** and *it* and `code` [link](https://x.test)')).toBe(
      'Title quoted bold and it and code link',
    );
    expect(preview('~~gone~~ snake_case_name')).toBe('gone snake_case_name');
  });

  it('cuts long text on whole characters', () => {
    const text = '😀'.repeat(100);
    const shown = preview(text);
    expect(Array.from(shown)).toHaveLength(91);
    expect(shown.endsWith('😀…')).toBe(true);
  });
});
