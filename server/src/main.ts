import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { type DemoAccount, seedDemo } from './demo/seed-demo.ts';
import { accountsWithKnownPasswords } from './modules/auth/known-passwords.ts';

const config = loadConfig();
const database = openDatabase(config.database);
await database.migrate();
const app = await buildApp({ config, database });
const demo = config.demo
  ? await seedDemo(app.services, { accountsFile: config.demoAccountsFile, production: config.production })
  : undefined;

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  // PGlite keeps the process alive until closed; pg's pool must drain too.
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
// Generation jobs interrupted by the last stop (or a crash) go on where they were.
void app.services.generation
  .resumeAll()
  .then((resumed) => resumed > 0 && app.log.info(`resumed ${resumed} generation job(s)`))
  .catch((error: unknown) => app.log.warn({ err: error }, 'could not resume generation jobs'));
app.log.info(
  `Feedbench on http://localhost:${config.port} (database: ${database.engine}, listening on ${config.host})`,
);
if (demo) announceDemo(demo);
// Off the start-up path: one password hash per (account, known password).
void warnAboutKnownPasswords();

function announceDemo(seeded: { created: boolean; accounts: DemoAccount[] }) {
  const lines = seeded.accounts.map(
    (a) =>
      `  ${a.role.padEnd(10)} ${a.email.padEnd(28)} password: ${a.password ?? '(changed since the seed, or its file is gone: not shown)'}`,
  );
  console.log(
    [
      '',
      `Feedbench demo ${seeded.created ? 'seeded' : 'already present'}: open http://localhost:${config.port}`,
      ...lines,
      `  (generated at first seed; kept in ${config.demoAccountsFile}, readable by you only)`,
      '',
    ].join('\n'),
  );
}

async function warnAboutKnownPasswords() {
  try {
    const exposed = await accountsWithKnownPasswords(app.services.auth);
    if (exposed.length === 0) return;
    const banner = [
      '',
      '!!! WARNING: these accounts still have a publicly known password; change it or remove the account:',
      ...exposed.map((email) => `!!!   ${email}`),
      '',
    ].join('\n');
    console.error(banner);
    app.log.warn({ accounts: exposed }, 'accounts with a publicly known password');
  } catch (error) {
    app.log.warn({ err: error }, 'could not check accounts for known passwords');
  }
}
