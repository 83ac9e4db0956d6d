import {
  type DatasetStatistics,
  type ExportOptions,
  exportLineSchemas,
  SFT_EXPORT_FORMATS,
  type SnapshotFile,
} from '@feedbench/shared';

export interface CardInput {
  name: string;
  description: string;
  license: string;
  projectName: string;
  createdAt: Date;
  options: ExportOptions;
  files: SnapshotFile[];
  contentHash: string;
  statistics: DatasetStatistics;
}

/** Hugging Face's size_categories buckets. */
function sizeCategory(n: number): string {
  const buckets: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
  ];
  return buckets.find(([limit]) => n < limit)?.[1] ?? 'n>10M';
}

const yamlString = (value: string) => JSON.stringify(value);
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const number = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

/**
 * README.md in the Hugging Face dataset card style (YAML metadata, then prose and tables): what the files are, how
 * they were made (exact options, content hash), who made them (annotator count, guidelines versions), and how much
 * the annotators agree, with intervals.
 */
export function datasetCard(input: CardInput): string {
  const { options, statistics: stats } = input;
  const sft = (SFT_EXPORT_FORMATS as readonly string[]).includes(options.format);
  const splitOf = (file: string) => (file === 'test.jsonl' ? 'test' : 'train');
  const shape =
    (exportLineSchemas[options.format] as { shape?: Record<string, { isOptional(): boolean }> }).shape ?? {};
  const fields = Object.keys(shape).filter((f) => !shape[f]?.isOptional());
  const optional = Object.keys(shape).filter((f) => shape[f]?.isOptional());
  const names = (list: string[]) => list.map((f) => `\`${f}\``).join(', ');
  const lines: string[] = [
    '---',
    `license: ${input.license}`,
    `pretty_name: ${yamlString(input.name)}`,
    'task_categories:',
    '- text-generation',
    'tags:',
    '- feedbench',
    `- ${sft ? 'sft' : 'rlhf'}`,
    `- ${options.format}`,
    'size_categories:',
    `- ${sizeCategory(stats.lines)}`,
    'configs:',
    '- config_name: default',
    '  data_files:',
    ...input.files.flatMap((f) => [`  - split: ${splitOf(f.name)}`, `    path: ${f.name}`]),
    '---',
    '',
    `# ${input.name}`,
    '',
    input.description || `Exported from the Feedbench project "${input.projectName}".`,
    '',
    '## Dataset structure',
    '',
    `Format \`${options.format}\`: one JSON object per line with the fields ${names(fields)}` +
      (optional.length > 0 ? ` (and, where the project has them, ${names(optional)}).` : '.'),
    '',
    '| split | file | lines | bytes | SHA-256 |',
    '| --- | --- | ---: | ---: | --- |',
    ...input.files.map((f) => `| ${splitOf(f.name)} | ${f.name} | ${f.lines} | ${f.bytes} | \`${f.sha256}\` |`),
    '',
    options.split === 'all'
      ? 'No train/test split.'
      : `Train/test split grouped by the first user turn (no prompt on both sides), test fraction ${options.testFraction}, seed ${options.seed}.`,
    '',
    '## Provenance',
    '',
    `- Snapshot taken ${input.createdAt.toISOString()}; it never changes as annotations arrive.`,
    `- Content hash (SHA-256 over each file name and SHA-256): \`${input.contentHash}\``,
    `- Items: ${stats.items}; annotations: ${stats.annotations}; annotators: ${stats.annotators} (pseudonymous ids).`,
    `- Guidelines versions: ${stats.guidelinesVersions.join(', ') || 'n/a'}; template versions: ${stats.templateVersions.join(', ') || 'n/a'}.`,
    '- Export options:',
    '',
    '```json',
    JSON.stringify(options, null, 2),
    '```',
    '',
    '## Agreement',
    '',
    'Over items annotated by two or more annotators; 95% percentile bootstrap intervals over items (500 resamples, seed 1).',
    '',
    '| measure | value | 95% CI | items |',
    '| --- | ---: | --- | ---: |',
    ...stats.agreement.map(
      (a) =>
        `| ${a.metric} | ${number(a.value)} | ${a.ci ? `${number(a.ci[0])} to ${number(a.ci[1])}` : 'n/a'} | ${a.items} |`,
    ),
    '',
  ];
  if (stats.reference.judgements > 0) {
    lines.push(
      `Agreement with the reference labels of the imported source: ${stats.reference.agreeing} of ${stats.reference.judgements} judgements (${percent(stats.reference.rate)}).`,
      '',
    );
  }
  const ratingQuestions = Object.entries(stats.ratings);
  if (ratingQuestions.length > 0 || Object.keys(stats.topModels).length > 0) lines.push('## Label distributions', '');
  for (const [question, counts] of ratingQuestions) {
    const values = Object.keys(counts).sort((a, b) => Number(a) - Number(b));
    lines.push(`Ratings \`${question}\`:`, '', `| ${values.join(' | ')} |`, `|${' ---: |'.repeat(values.length)}`);
    lines.push(`| ${values.map((v) => counts[v]).join(' | ')} |`, '');
  }
  const models = Object.entries(stats.topModels).sort((a, b) => b[1] - a[1]);
  if (models.length > 0) {
    lines.push('Ranked alone at the top, by model:', '', '| model | judgements |', '| --- | ---: |');
    lines.push(...models.map(([model, count]) => `| ${model} | ${count} |`), '');
  }
  if (stats.models && stats.models.length > 0) {
    lines.push(
      '## Models',
      '',
      'The candidate replies were sampled live from these model connections (parameters as sent):',
      '',
      '| model | connection | parameters | outputs |',
      '| --- | --- | --- | ---: |',
      ...stats.models.map(
        (m) =>
          `| ${m.model ?? 'unknown'} | ${m.connectionId ?? 'n/a'} | \`${JSON.stringify(m.params)}\` | ${m.outputs} |`,
      ),
      '',
    );
  }
  lines.push('## Licence', '', `${input.license}.`, '');
  return lines.join('\n');
}
