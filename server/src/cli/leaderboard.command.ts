import { type LeaderboardResponse, leaderboardQuery } from '@feedbench/shared';
import type { Command } from 'commander';
import { CliError, withCliContext } from './cli-context.ts';

interface Flags {
  project: string;
  category?: string;
  categoryField?: string;
  lengthControlled?: boolean;
  bootstrap?: string;
  seed?: string;
  json?: boolean;
}

/** Flags as the API's query (the same schema checks both), or a CliError naming the flag. */
export function leaderboardOptions(flags: Flags) {
  const parsed = leaderboardQuery.safeParse({
    category: flags.category,
    categoryField: flags.categoryField,
    lengthControlled: flags.lengthControlled ? 'true' : 'false',
    bootstrap: flags.bootstrap,
    seed: flags.seed,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new CliError(`--${flag}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The leaderboard as a plain-text table: rank, model, rating with its interval, record, comparisons. */
export function leaderboardTable(board: LeaderboardResponse): string {
  const fixed = (value: number) => value.toFixed(1);
  const rows = board.models.map((m) => [
    String(m.rank),
    m.model,
    fixed(m.rating),
    m.ratingInterval ? `${fixed(m.ratingInterval[0])} .. ${fixed(m.ratingInterval[1])}` : '-',
    `${m.wins}-${m.losses}-${m.ties}`,
    String(m.comparisons),
  ]);
  const header = ['rank', 'model', 'rating', `${Math.round(board.bootstrap.confidence * 100)}% interval`, 'W-L-T', 'n'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  const notes = [
    `${board.comparisons} comparisons from ${board.annotations} answers on ${board.items} items` +
      (board.category === null ? '' : ` (${board.categoryField} = ${board.category})`),
    `skipped pairs: ${board.skipped.noModel} with an output without a model, ${board.skipped.sameModel} of one model with itself, ${board.skipped.tiedInRanking} tied inside a ranking`,
  ];
  if (board.lengthCoefficient !== null) notes.push(`length coefficient: ${board.lengthCoefficient.toFixed(3)}`);
  return [line(header), ...rows.map(line), '', ...notes].join('\n');
}

export function registerLeaderboardCommand(program: Command) {
  program
    .command('leaderboard')
    .description("rank a project's models by Bradley-Terry ratings from its human preferences")
    .requiredOption('--project <id>')
    .option('--category <value>', 'only items whose metadata category has this value')
    .option('--category-field <key>', 'metadata field holding the category (default category)')
    .option('--length-controlled', 'add the length difference as a covariate (style control)')
    .option('--bootstrap <n>', 'bootstrap resamples for the intervals (default 100, 0: none)')
    .option('--seed <n>', 'bootstrap seed (default 1)')
    .option('--json', 'print the API response as JSON')
    .action(async (flags: Flags) => {
      const options = leaderboardOptions(flags);
      const board = await withCliContext(async ({ services, actor }) => {
        if (!/^[0-9a-f-]{36}$/i.test(flags.project)) throw new CliError('--project: expected a project id');
        return services.leaderboard.leaderboard(await actor(), flags.project, options);
      });
      console.log(flags.json ? JSON.stringify(board) : leaderboardTable(board));
    });
}
