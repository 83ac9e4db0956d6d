/**
 * Import-direction rules, checked by `pnpm check:deps` (part of `pnpm test`). Each rule names the boundary it keeps;
 * a new import that crosses one fails the check with the rule's name and the offending path.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Dependencies point one way: a cycle (type-only imports included) means two files are one module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'web-not-server',
      comment: 'The web app talks to the server through the HTTP API and the shared contracts only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'shared-imports-neither-server-nor-web',
      comment: 'shared/ is the contract both sides use: it depends on neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'db-imports-no-module',
      comment:
        'server/src/db is infrastructure (client, errors, migrations) every module uses; it never reaches into a ' +
        'module. The one exception is the schema barrel (db/schema/index.ts), which re-exports the tables each ' +
        'module owns (modules/<module>/<module>.schema.ts) for drizzle-kit and the client; see the next rule.',
      severity: 'error',
      from: { path: '^server/src/db/', pathNot: '^server/src/db/schema/index[.]ts$' },
      to: { path: '^server/src/(modules|plugins|cli)/' },
    },
    {
      name: 'schema-barrel-reads-tables-only',
      comment:
        'The schema barrel re-exports table files (*.schema.ts) and nothing else, so the client never loads a service.',
      severity: 'error',
      from: { path: '^server/src/db/schema/index[.]ts$' },
      to: { path: '^server/src/', pathNot: '[.]schema[.]ts$' },
    },
    {
      name: 'tables-import-tables-only',
      comment:
        'A table file declares tables: it may reference other tables (foreign keys) and shared constants, never a ' +
        "repository or service (that would pull a module's logic into the db client and drizzle-kit).",
      severity: 'error',
      from: { path: '[.]schema[.]ts$' },
      to: { path: '^server/src/', pathNot: '[.]schema[.]ts$' },
    },
    {
      name: 'server-modules-not-app',
      comment: 'Modules are wired by app.ts, services.ts and the CLI; they never import them back.',
      severity: 'error',
      from: { path: '^server/src/(modules|plugins|db|lib)/' },
      to: { path: '^server/src/(app|services|main)[.]ts$|^server/src/cli/' },
    },
    {
      name: 'web-no-cross-feature',
      comment:
        'A web feature never imports another feature (bulletproof-react): shared pieces go to components/ or lib/. ' +
        'The one documented exception is features/questions, the registry of question kinds (issue 17): every ' +
        'feature that shows or edits answers reads it, and it imports no other feature.',
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: '^web/src/features/', pathNot: '^web/src/features/($1|questions)/' },
    },
    {
      name: 'web-direction-shared-features-app',
      comment: 'web/src/components and lib are used by features, features by app/, never the other way round.',
      severity: 'error',
      from: { path: '^web/src/(components|lib)/' },
      to: { path: '^web/src/(features|app)/' },
    },
    {
      name: 'web-features-not-app',
      comment: 'Features are composed by app/ (router, layout); they never import it.',
      severity: 'error',
      from: { path: '^web/src/features/' },
      to: { path: '^web/src/app/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
