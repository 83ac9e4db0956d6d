import { describe, expect, it } from 'vitest';
import { findPreset, TEMPLATE_PRESETS } from './presets.ts';
import { projectSettingsSchema } from './template.ts';

describe('template presets', () => {
  it('offers the five published protocols, each a valid template', () => {
    expect(TEMPLATE_PRESETS.map((p) => p.name)).toEqual([
      'InstructGPT ranking',
      'Llama 2 pairwise',
      'HelpSteer attributes',
      'SFT demonstration',
      'SFT rewrite',
    ]);
    for (const preset of TEMPLATE_PRESETS) {
      expect(() => projectSettingsSchema.parse({ questions: preset.questions })).not.toThrow();
    }
  });

  it('InstructGPT rates 1-7 with the metadata flags before ranking; SFT rewrite rewrites an output', () => {
    expect(findPreset('instructgpt-ranking')?.questions.map((q) => q.type)).toEqual(['rating', 'flags', 'ranking']);
    const rewrite = findPreset('sft-rewrite')?.questions[0];
    expect(rewrite?.type === 'demonstration' && rewrite.variant).toBe('rewrite');
    expect(findPreset('llama2-pairwise')?.questions[0]).toMatchObject({ type: 'pairwise', askSafety: true });
  });
});
