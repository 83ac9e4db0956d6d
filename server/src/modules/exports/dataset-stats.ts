import { type AgreementRecord, computeAgreement, type DatasetStatistics } from '@feedbench/shared';
import { annotatorPseudonym } from './annotator-pseudonym.ts';
import { type PreparedItem, preferenceOf, type TemplateView } from './judgements.ts';
import { competitionRanks, pairsFromRanking } from './ranking-pairs.ts';

/** Resamples of items for the card's 95% intervals; a fixed seed so a snapshot's card is reproducible. */
const BOOTSTRAP = { replicates: 500, seed: 1, confidence: 0.95 };

/** What a dataset card says about the data: counted while the export streams, one item at a time. */
export function createStatisticsCollector(projectId: string, template: TemplateView) {
  let items = 0;
  let lines = 0;
  let annotations = 0;
  let itemsWithoutLines = 0;
  let flaggedOutputs = 0;
  const annotators = new Set<string>();
  const guidelines = new Set<number>();
  const templates = new Set<number>();
  const ratings: DatasetStatistics['ratings'] = {};
  const topModels: Record<string, number> = {};
  const reference = { judgements: 0, agreeing: 0 };
  // Agreement needs two annotators on an item: only such items' records are kept.
  const rankingRecords: AgreementRecord[] = [];
  const ratingRecords: AgreementRecord[] = [];
  const firstRating = template.ratingQuestions[0];
  // Chat candidates: how many exported outputs each (connection, model, parameters) wrote (the card's model table).
  const models = new Map<string, NonNullable<DatasetStatistics['models']>[number]>();

  return {
    observe(prepared: PreparedItem, lineCount: number) {
      items++;
      lines += lineCount;
      if (lineCount === 0) itemsWithoutLines++;
      flaggedOutputs += prepared.excluded.size;
      const { item } = prepared;
      annotations += item.annotations.length;
      for (const output of item.outputs) {
        const p = output.provenance;
        if (!p) continue;
        const entry = {
          connectionId: typeof p.connection_id === 'string' ? p.connection_id : null,
          model: output.model,
          // max tokens varies call by call (capped by the conversation's remaining token budget): not a setting.
          params: Object.fromEntries(
            Object.entries((p.params ?? {}) as Record<string, unknown>).filter(([key]) => key !== 'maxTokens'),
          ),
        };
        const key = JSON.stringify(entry);
        const seen = models.get(key) ?? { ...entry, outputs: 0 };
        seen.outputs++;
        models.set(key, seen);
      }
      for (const annotation of item.annotations) {
        const annotator = annotatorPseudonym(projectId, annotation.userId);
        annotators.add(annotator);
        guidelines.add(annotation.guidelinesVersion);
        templates.add(annotation.templateVersion);
        for (const question of template.ratingQuestions) {
          const answer = annotation.answers[question.id];
          if (answer?.type !== 'rating') continue;
          const counts = ratings[question.id] ?? {};
          ratings[question.id] = counts;
          for (const value of Object.values(answer.values)) counts[value] = (counts[value] ?? 0) + 1;
          if (question === firstRating && item.annotations.length > 1) {
            for (const [outputId, value] of Object.entries(answer.values)) {
              ratingRecords.push({ unit: `${item.id}:${outputId}`, annotator, value });
            }
          }
        }
        const question = template.preferenceQuestion;
        const preference = question
          ? preferenceOf(
              annotation.answers[question.id],
              item.outputs.map((o) => o.id),
            )
          : undefined;
        if (preference && item.annotations.length > 1) {
          rankingRecords.push({ unit: item.id, annotator, value: preference.groups });
        }
      }
      for (const judgement of prepared.judgements) {
        const [top] = judgement.groups;
        const model = top?.length === 1 && top[0] !== undefined ? prepared.outputs.get(top[0])?.model : undefined;
        if (model) topModels[model] = (topModels[model] ?? 0) + 1;
        if (item.reference?.type === 'ranking') {
          const ranks = competitionRanks(judgement.groups);
          const rank = (id: string) => ranks.get(id) ?? Number.POSITIVE_INFINITY;
          reference.judgements++;
          if (pairsFromRanking(item.reference.groups, 'all').every((p) => rank(p.chosen) < rank(p.rejected))) {
            reference.agreeing++;
          }
        }
      }
    },

    /** Counted while streaming: kept items that made no line, flagged outputs kept off the chosen side. */
    leftOut() {
      return { items, itemsWithoutLines, flaggedOutputs };
    },

    summary(): DatasetStatistics {
      const figure = (
        metric: string,
        records: AgreementRecord[],
        compute: () => ReturnType<typeof computeAgreement>,
      ) => {
        if (records.length === 0) return { metric, value: null, ci: null, items: 0 };
        const result = compute();
        const defined = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
        const [low, high] = result.ci ?? [];
        const ci = defined(low) === null || defined(high) === null ? null : ([low, high] as [number, number]);
        return { metric, value: defined(result.value), ci, items: result.units };
      };
      const agreement = [
        figure('pairwise agreement (ranking)', rankingRecords, () =>
          computeAgreement(rankingRecords, { metric: 'pairwise-agreement', bootstrap: BOOTSTRAP }),
        ),
        ...(firstRating
          ? [
              figure(`Krippendorff's alpha, ordinal (${firstRating.id})`, ratingRecords, () =>
                computeAgreement(ratingRecords, {
                  metric: 'krippendorff-alpha',
                  level: 'ordinal',
                  bootstrap: BOOTSTRAP,
                }),
              ),
            ]
          : []),
      ];
      return {
        items,
        lines,
        annotations,
        annotators: annotators.size,
        guidelinesVersions: [...guidelines].sort((a, b) => a - b),
        templateVersions: [...templates].sort((a, b) => a - b),
        ratings,
        topModels,
        ...(models.size > 0 ? { models: [...models.values()] } : {}),
        agreement,
        reference: {
          ...reference,
          rate: reference.judgements === 0 ? null : reference.agreeing / reference.judgements,
        },
      };
    },
  };
}
