import { readFile } from 'node:fs/promises';
import {
  createWorkspaceBody,
  defaultSettings,
  findPreset,
  MEMBER_ROLES,
  ORDERING_POLICIES,
  type OrderingPolicy,
  TASK_KINDS,
  TEMPLATE_PRESETS,
  USER_ROLES,
  WORKSPACE_ROLES,
} from '@feedbench/shared';
import { type Command, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { CliError, withCliContext } from './cli-context.ts';

/**
 * Which items annotators get first: the selection policies (human-disagreement, score-margin from reward scores,
 * judge-disagreement) read the scores that agreement, `feedbench score` and judging jobs keep.
 */
const orderingOption = () =>
  new Option('--ordering <policy>', 'which items annotators are given first').choices(ORDERING_POLICIES);

/** Each command parses its flags and calls a service: the CLI never repeats the services' logic. */
export function registerCommands(program: Command) {
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account')
    .requiredOption('--email <email>')
    .requiredOption('--password <password>')
    .addOption(new Option('--role <role>').choices(USER_ROLES).makeOptionMandatory())
    .option('--workspace <slug-or-id>', 'workspace the account joins (default: the default workspace)')
    .action(
      async (opts: { email: string; password: string; role: (typeof USER_ROLES)[number]; workspace?: string }) => {
        const created = await withCliContext(async ({ services, actor }) => {
          const { workspace, ...account } = opts;
          // Resolving a workspace needs someone allowed to see it; the very first admin needs none.
          const workspaceId = workspace
            ? (await services.workspaces.resolveHandle(await actor(), workspace)).id
            : undefined;
          return services.auth.createUser({ ...account, workspaceId });
        });
        console.log(JSON.stringify(created));
      },
    );

  const workspace = program.command('workspace').description('manage workspaces (they isolate projects and people)');
  workspace
    .command('list')
    .description('list workspaces as JSON')
    .action(async () => {
      const listed = await withCliContext(async ({ services, actor }) => services.workspaces.list(await actor()));
      console.log(JSON.stringify(listed));
    });
  workspace
    .command('create')
    .description('create a workspace and print its id')
    .requiredOption('--name <name>')
    .requiredOption('--slug <slug>', 'lower-case letters, digits and dashes')
    .action(async (opts: { name: string; slug: string }) => {
      const parsed = createWorkspaceBody.safeParse(opts);
      if (!parsed.success)
        throw new CliError(`--${String(parsed.error.issues[0]?.path[0])}: ${parsed.error.issues[0]?.message}`);
      const created = await withCliContext(async ({ services, actor }) =>
        services.workspaces.create(await actor(), parsed.data),
      );
      console.log(created.id);
    });
  workspace
    .command('add-member')
    .description(
      'add an existing account to a workspace directly (the CLI acts as the oldest instance admin), or change its role there',
    )
    .requiredOption('--workspace <slug-or-id>')
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(WORKSPACE_ROLES).default('member'))
    .action(async (opts: { workspace: string; email: string; role: (typeof WORKSPACE_ROLES)[number] }) => {
      const changed = await withCliContext(async ({ services, actor }) => {
        const admin = await actor();
        const target = await services.workspaces.resolveHandle(admin, opts.workspace);
        return services.workspaces.addMember(admin, target.id, { email: opts.email, role: opts.role });
      });
      console.log(JSON.stringify({ members: changed.members }));
    });

  workspace
    .command('invite')
    .description('invite an email to a workspace: the person joins once they accept, signed in with that email')
    .requiredOption('--workspace <slug-or-id>')
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(WORKSPACE_ROLES).default('member'))
    .action(async (opts: { workspace: string; email: string; role: (typeof WORKSPACE_ROLES)[number] }) => {
      const invitation = await withCliContext(async ({ services, actor }) => {
        const admin = await actor();
        const target = await services.workspaces.resolveHandle(admin, opts.workspace);
        return services.invitations.invite(admin, target.id, { email: opts.email, role: opts.role });
      });
      console.log(JSON.stringify({ invitation }));
    });

  const project = program.command('project').description('manage projects');
  project
    .command('create')
    .description('create a project and print its id')
    .requiredOption('--name <name>')
    .addOption(new Option('--kind <kind>', 'required without --preset').choices(TASK_KINDS))
    .addOption(
      new Option('--preset <id>', "start from a published protocol's template (implies the kind)").choices(
        TEMPLATE_PRESETS.map((p) => p.id),
      ),
    )
    .option('--guidelines <file>', 'Markdown guidelines file')
    .option('--overlap <n>', 'distinct annotators per item', (v) => Number.parseInt(v, 10))
    .addOption(orderingOption())
    .option('--workspace <slug-or-id>', 'workspace of the project (default: the default workspace)')
    .option(
      '--candidate <connection-id[:temperature]>',
      'chat projects: a candidate slot on a model connection (repeat for each of the K slots)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--system-prompt <text>', 'chat projects: the system prompt sent before every conversation')
    .option('--turns <n>', 'chat projects: user turns per conversation', (v) => Number.parseInt(v, 10))
    .option('--token-budget <n>', 'chat projects: tokens per conversation', (v) => Number.parseInt(v, 10))
    .option('--time-budget <minutes>', 'chat projects: minutes per conversation', (v) => Number.parseFloat(v))
    .action(
      async (opts: {
        name: string;
        kind?: (typeof TASK_KINDS)[number];
        preset?: string;
        guidelines?: string;
        overlap?: number;
        ordering?: OrderingPolicy;
        workspace?: string;
        candidate?: string[];
        systemPrompt?: string;
        turns?: number;
        tokenBudget?: number;
        timeBudget?: number;
      }) => {
        const preset = opts.preset === undefined ? undefined : findPreset(opts.preset);
        const kind = opts.kind ?? preset?.kind;
        if (!kind) throw new CliError('--kind or --preset is required');
        if (preset && preset.kind !== kind) {
          throw new CliError(`--preset ${preset.id} makes a ${preset.kind} project, not --kind ${kind}`);
        }
        const guidelines = opts.guidelines ? await readFile(opts.guidelines, 'utf8') : '';
        if (kind === 'chat' && (opts.candidate ?? []).length < 2) {
          throw new CliError(
            'a chat project needs --candidate <connection-id> for each of its 2 or more candidate slots',
          );
        }
        const base = preset ? { ...defaultSettings(kind), questions: preset.questions } : undefined;
        // A chat project names its candidate slots (the server refuses one without, naming settings.chat).
        const chat =
          kind === 'chat'
            ? {
                candidates: (opts.candidate ?? []).map((slot) => {
                  const [connectionId = '', temperature] = slot.split(':');
                  return {
                    connectionId,
                    params: temperature === undefined ? {} : { temperature: Number(temperature) },
                  };
                }),
                ...(opts.systemPrompt === undefined ? {} : { systemPrompt: opts.systemPrompt }),
                ...(opts.turns === undefined ? {} : { turnLimit: opts.turns }),
                ...(opts.tokenBudget === undefined ? {} : { tokenBudget: opts.tokenBudget }),
                ...(opts.timeBudget === undefined ? {} : { timeBudgetMinutes: opts.timeBudget }),
              }
            : undefined;
        const settings = chat ? { ...(base ?? defaultSettings(kind)), chat } : base;
        const created = await withCliContext(async ({ services, actor }) => {
          const owner = await actor();
          const workspaceId = opts.workspace
            ? (await services.workspaces.resolveHandle(owner, opts.workspace)).id
            : undefined;
          const made = await services.projects.create(owner, {
            name: opts.name,
            kind,
            guidelines,
            settings,
            workspaceId,
          });
          const changes = {
            ...(opts.overlap ? { overlapTarget: opts.overlap } : {}),
            ...(opts.ordering ? { ordering: opts.ordering } : {}),
          };
          return Object.keys(changes).length > 0 ? services.projects.update(owner, made.id, changes) : made;
        });
        console.log(created.id);
      },
    );

  project
    .command('update')
    .description("change a project's assignment settings and print its settings as JSON")
    .requiredOption('--project <id>')
    .option('--overlap <n>', 'distinct annotators per item', (v) => Number.parseInt(v, 10))
    .addOption(orderingOption())
    .action(async (opts: { project: string; overlap?: number; ordering?: OrderingPolicy }) => {
      if (opts.overlap === undefined && opts.ordering === undefined) {
        throw new CliError('nothing to change: give --overlap or --ordering');
      }
      const updated = await withCliContext(async ({ services, actor }) =>
        services.projects.update(await actor(), opts.project, {
          ...(opts.overlap === undefined ? {} : { overlapTarget: opts.overlap }),
          ...(opts.ordering === undefined ? {} : { ordering: opts.ordering }),
        }),
      );
      console.log(JSON.stringify({ id: updated.id, settings: updated.settings }));
    });

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
      const config = loadConfig();
      const accounts = await withCliContext(({ services }) =>
        seedDemo(services, { accountsFile: config.demoAccountsFile, production: config.production }),
      );
      console.log(JSON.stringify(accounts, null, 2));
    });
}
