import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORT_FORMATS, type ExportFormat, MEMBER_ROLES, TASK_KINDS, USER_ROLES } from '@feedbench/shared';
import { type Command, Option } from 'commander';
import { seedDemo } from '../demo/seed-demo.ts';
import { withCliContext } from './cli-context.ts';

/** Each command parses its flags and calls a service: the CLI never repeats the services' logic. */
export function registerCommands(program: Command) {
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account')
    .requiredOption('--email <email>')
    .requiredOption('--password <password>')
    .addOption(new Option('--role <role>').choices(USER_ROLES).makeOptionMandatory())
    .action(async (opts: { email: string; password: string; role: (typeof USER_ROLES)[number] }) => {
      const created = await withCliContext(({ services }) => services.auth.createUser(opts));
      console.log(JSON.stringify(created));
    });

  const project = program.command('project').description('manage projects');
  project
    .command('create')
    .description('create a project and print its id')
    .requiredOption('--name <name>')
    .addOption(new Option('--kind <kind>').choices(TASK_KINDS).makeOptionMandatory())
    .option('--guidelines <file>', 'Markdown guidelines file')
    .option('--overlap <n>', 'distinct annotators per item', (v) => Number.parseInt(v, 10))
    .action(
      async (opts: { name: string; kind: (typeof TASK_KINDS)[number]; guidelines?: string; overlap?: number }) => {
        const guidelines = opts.guidelines ? await readFile(opts.guidelines, 'utf8') : '';
        const created = await withCliContext(async ({ services, actor }) => {
          const owner = await actor();
          const made = await services.projects.create(owner, { name: opts.name, kind: opts.kind, guidelines });
          return opts.overlap ? services.projects.update(owner, made.id, { overlapTarget: opts.overlap }) : made;
        });
        console.log(created.id);
      },
    );

  project
    .command('add-member')
    .description('add an existing account to a project')
    .requiredOption('--project <id>')
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(MEMBER_ROLES).default('annotator'))
    .action(async (opts: { project: string; email: string; role: (typeof MEMBER_ROLES)[number] }) => {
      const members = await withCliContext(async ({ services, actor }) =>
        services.projects.addMember(await actor(), opts.project, { email: opts.email, role: opts.role }),
      );
      console.log(JSON.stringify({ members }));
    });

  program
    .command('import')
    .description('import a JSONL file of items into a project')
    .requiredOption('--project <id>')
    .argument('<file>', 'JSONL file')
    .action(async (file: string, opts: { project: string }) => {
      const text = await readFile(file, 'utf8');
      const result = await withCliContext(async ({ services, actor }) => {
        const target = await services.projects.accessAsResearcher(await actor(), opts.project);
        return services.items.importJsonl(target, text);
      });
      console.log(JSON.stringify(result));
    });

  program
    .command('export')
    .description('export a project as JSONL')
    .requiredOption('--project <id>')
    .addOption(new Option('--format <format>').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--out <file>', 'write here instead of standard output')
    .action(async (opts: { project: string; format: ExportFormat; out?: string }) => {
      await withCliContext(async ({ services, actor }) => {
        const target = await services.projects.accessAsResearcher(await actor(), opts.project);
        const destination = opts.out ? createWriteStream(opts.out) : process.stdout;
        await pipeline(Readable.from(services.exports.lines(target.id, opts.format)), destination, { end: !!opts.out });
      });
    });

  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      const engine = await withCliContext(async ({ database }) => database.engine);
      console.log(`migrations applied (${engine})`);
    });

  program
    .command('demo')
    .description('seed demo accounts and one project of each kind (idempotent)')
    .action(async () => {
      const accounts = await withCliContext(({ services }) => seedDemo(services));
      console.log(JSON.stringify(accounts, null, 2));
    });
}
