import { describe, expect, it } from 'vitest';
import { hhTranscript } from '../../exports/formats/transcript.ts';
import { hhRlhfImport, splitTranscripts } from './hh-rlhf.ts';

const chosen = '\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Name a colour.\n\nAssistant: Blue.';
const rejected = '\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Name a colour.\n\nAssistant: Bleu, I mean blue.';

describe('splitTranscripts', () => {
  it('splits on the last Assistant turn of the shared prefix, even when the replies start alike', () => {
    expect(splitTranscripts(chosen, rejected)).toEqual({
      conversation: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Name a colour.' },
      ],
      chosenReply: 'Blue.',
      rejectedReply: 'Bleu, I mean blue.',
    });
  });

  it('renders back to the same transcripts (the hh-rlhf export inverts it)', () => {
    const split = splitTranscripts(chosen, rejected);
    if ('message' in split) throw new Error(split.message);
    expect(hhTranscript(split.conversation, split.chosenReply)).toBe(chosen);
    expect(hhTranscript(split.conversation, split.rejectedReply)).toBe(rejected);
  });

  it('refuses transcripts that share no Assistant turn, or do not start with Human', () => {
    expect(splitTranscripts('\n\nHuman: a', '\n\nHuman: b')).toMatchObject({ field: 'chosen' });
    expect(splitTranscripts('Hi\n\nAssistant: x', 'Hi\n\nAssistant: y')).toMatchObject({
      message: expect.stringContaining('starts with'),
    });
  });
});

describe('hh-rlhf import lines', () => {
  it('hides which output was chosen behind neutral ids and keeps it as the reference ranking', () => {
    const converted = hhRlhfImport.convert({ chosen, rejected });
    if ('problems' in converted) throw new Error(JSON.stringify(converted.problems));
    const outputs = converted.item.outputs as { id: string; content: string }[];
    expect(outputs.map((o) => o.id)).toEqual(['a', 'b']);
    const chosenId = outputs.find((o) => o.content === 'Blue.')?.id as string;
    expect(converted.reference).toEqual({
      type: 'ranking',
      groups: [[chosenId], [chosenId === 'a' ? 'b' : 'a']],
    });
    expect(converted.item.id).toMatch(/^hh-[0-9a-f]{20}$/);
    expect(converted.derivedId).toBe(true);
  });
});
