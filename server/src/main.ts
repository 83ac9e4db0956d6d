import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { seedDemo } from './demo/seed-demo.ts';

const config = loadConfig();
const database = openDatabase(config.database);
await database.migrate();
const app = await buildApp({ config, database });
if (config.demo) await announceDemo(await seedDemo(app.services));

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
app.log.info(`Feedbench on http://localhost:${config.port} (database: ${database.engine})`);

async function announceDemo(seeded: Awaited<ReturnType<typeof seedDemo>>) {
  const lines = seeded.accounts.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(28)} password: ${a.password}`);
  console.log(
    [
      '',
      `Feedbench demo ${seeded.created ? 'seeded' : 'already present'}: open http://localhost:${config.port}`,
      ...lines,
      '',
    ].join('\n'),
  );
}
