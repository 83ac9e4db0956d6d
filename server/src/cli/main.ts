import { Command, CommanderError } from 'commander';
import { AppError } from '../lib/app-error.ts';
import { registerAgreementCommand } from './agreement.command.ts';
import { CliError } from './cli-context.ts';
import { registerCommands } from './commands.ts';
import { registerExportCommand } from './export.command.ts';
import { registerImportCommand } from './import.command.ts';
import { registerJudgeCommand, registerScoreCommand } from './judge.command.ts';
import { registerLeaderboardCommand } from './leaderboard.command.ts';
import { registerGenerateCommand, registerModelsCommand } from './models.command.ts';

const program = new Command('feedbench')
  .description('Feedbench: collect SFT demonstrations and preference rankings')
  .showHelpAfterError()
  .exitOverride();
registerCommands(program);
registerAgreementCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerLeaderboardCommand(program);
registerJudgeCommand(program);
registerScoreCommand(program);
registerModelsCommand(program);
registerGenerateCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Known failures print one clear line (import problems list their lines); nothing prints a stack trace. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof AppError) {
    console.error(`error: ${error.message}`);
    const problems = (
      error.details as { problems?: { line?: number; path?: string; field?: string; message: string }[] }
    )?.problems;
    for (const p of problems ?? []) {
      console.error(p.line !== undefined ? `  line ${p.line}: ${p.field}: ${p.message}` : `  ${p.path}: ${p.message}`);
    }
    return 1;
  }
  if (error instanceof CliError || (error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    console.error(`error: ${(error as Error).message}`);
    return 1;
  }
  console.error(`error: ${(error as Error)?.message ?? String(error)}`);
  return 1;
}
