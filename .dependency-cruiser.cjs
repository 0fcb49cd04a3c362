/**
 * Layer rules of the hexagon, checked on every CI run (`npm run lint:arch`).
 * The core (domain + application) must stay reusable from any transport, so it may
 * import nothing but itself: no npm package, no Node built-in.
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
      comment: 'A port speaks the domain: src/application/ports imports only src/domain and other ports.',
      severity: 'error',
      from: { path: '^src/application/ports/' },
      to: { pathNot: '^src/(domain|application/ports)/' },
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
