/**
 * Layer rules of the hexagon, checked on every CI run (`npm run lint:arch`).
 * The core (domain + application) must stay reusable from any transport, so it may
 * import nothing but itself: no npm package, no Node built-in. Adapters reach the core only
 * through its ports (and, for driving adapters, its use cases).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only src/domain.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-depends-only-on-domain',
      comment: 'src/application imports only src/application and src/domain.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: '^src/(application|domain)/' },
    },
    {
      name: 'ports-depend-only-on-domain',
      comment: 'A port speaks the language of the domain; what implements it stays behind it.',
      severity: 'error',
      from: { path: '^src/application/ports/' },
      to: { pathNot: '^src/(domain|application/ports)/' },
    },
    {
      name: 'driven-adapters-see-only-ports',
      comment: 'An adapter the core calls may import src/domain, the ports and application/errors.ts, nothing else of the application.',
      severity: 'error',
      from: { path: '^src/adapters/', pathNot: '^src/adapters/(http|cli|worker)/' },
      to: { path: '^src/application/', pathNot: '^src/application/(ports/|errors\\.ts$)' },
    },
    {
      name: 'driving-adapters-see-only-use-cases',
      comment: 'An adapter that calls the core (http, cli, worker) may also import the use-case folders.',
      severity: 'error',
      from: { path: '^src/adapters/(http|cli|worker)/' },
      to: { path: '^src/application/', pathNot: '^src/application/(ports/|errors\\.ts$|(auth|health|ingest|jobs|users|formats)/)' },
    },
    {
      name: 'adapters-do-not-know-bootstrap',
      comment: 'Adapters are wired by the bootstrap, never the other way round.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/bootstrap/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that cannot be resolved would slip past the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
