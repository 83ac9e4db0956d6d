import { findPreset, krippendorffAlpha } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { withAttributeRatings } from './agreement.attributes.ts';
import { buildAgreementReport } from './agreement.report.ts';
import type { SubmittedAnnotation } from './agreement.repository.ts';

const helpsteer = findPreset('helpsteer-attributes')?.questions ?? [];
const attributesQuestion = helpsteer.find((q) => q.type === 'attributes');

/** Two annotators rate two outputs of three items; helpfulness mostly agrees, verbosity is noise. */
const ratings: Record<string, [Record<string, number>, Record<string, number>]> = {
  // item: [annotator u1 {output: helpfulness}, annotator u2 ...]
  i1: [
    { a: 4, b: 1 },
    { a: 4, b: 0 },
  ],
  i2: [
    { a: 2, b: 3 },
    { a: 2, b: 3 },
  ],
  i3: [
    { a: 0, b: 4 },
    { a: 1, b: 4 },
  ],
};
const verbosity = (helpfulness: number) => (helpfulness * 7) % 5;

function annotations(): SubmittedAnnotation[] {
  const id = attributesQuestion?.id ?? 'attributes';
  return Object.entries(ratings).flatMap(([itemId, byAnnotator], index) =>
    byAnnotator.map((values, annotator) => ({
      itemId: `00000000-0000-4000-8000-00000000000${index}`,
      itemExternalId: itemId,
      itemImportedAt: new Date('2026-11-01T00:00:00Z'),
      userId: `u${annotator + 1}`,
      answers: {
        [id]: {
          type: 'attributes' as const,
          values: Object.fromEntries(
            Object.entries(values).map(([output, v]) => [
              output,
              { helpfulness: v, verbosity: annotator === 0 ? v : verbosity(v) },
            ]),
          ),
        },
      },
      displayOrder: ['a', 'b'],
      submittedAt: new Date(`2026-11-0${index + 1}T12:00:00Z`),
      timeOnTaskMs: 1000,
    })),
  );
}

describe('attribute questions in the agreement report', () => {
  it('reads each attribute as a rating question on the same scale', () => {
    const { questions } = withAttributeRatings(helpsteer, []);
    const ids = questions.filter((q) => q.type === 'rating').map((q) => q.id);
    expect(ids).toEqual(
      [
        'attributes.helpfulness',
        'attributes.correctness',
        'attributes.coherence',
        'attributes.complexity',
        'attributes.verbosity',
      ].map((id) => id.replace('attributes', attributesQuestion?.id ?? '')),
    );
    expect(questions.find((q) => q.id.endsWith('.helpfulness'))).toMatchObject({ type: 'rating', min: 0, max: 4 });
  });

  it("gives each attribute Krippendorff's alpha over (item, output) units, equal to alpha computed directly", () => {
    const report = buildAgreementReport({
      projectId: '00000000-0000-4000-8000-000000000099',
      generatedAt: new Date('2026-11-29T00:00:00Z'),
      questions: helpsteer,
      annotations: annotations(),
      emails: new Map([
        ['u1', 'one@example.test'],
        ['u2', 'two@example.test'],
      ]),
      progress: { items: 3, annotations: 6, completedItems: 3, activeLeases: 0, skips: 0, overlapTarget: 2 },
      bootstrap: { replicates: 50, seed: 1, confidence: 0.95 },
      batchSize: 50,
    });
    const helpfulness = report.questions.find((q) => q.questionId.endsWith('.helpfulness'));
    const direct = krippendorffAlpha(
      Object.entries(ratings).flatMap(([item, byAnnotator]) =>
        byAnnotator.flatMap((values, annotator) =>
          Object.entries(values).map(([output, value]) => ({
            unit: `${item}:${output}`,
            annotator: `u${annotator}`,
            value,
          })),
        ),
      ),
      { level: 'interval' },
    );
    const estimate = helpfulness?.estimates.find((e) => e.estimate === 'alpha-interval');
    expect(estimate?.value).toBeCloseTo(direct.value, 10);
    expect(direct.value).toBeGreaterThan(0.8);
    const noisy = report.questions.find((q) => q.questionId.endsWith('.verbosity'));
    const noisyAlpha = noisy?.estimates.find((e) => e.estimate === 'alpha-interval')?.value ?? 1;
    expect(noisyAlpha).toBeLessThan(estimate?.value ?? 0);
    // Label distributions still read the answers as given (no attribute question there).
    expect(report.labelDistributions).toEqual([]);
  });
});
