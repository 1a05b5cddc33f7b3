// Jest 30 in ESM mode (NODE_OPTIONS=--experimental-vm-modules, set by the npm scripts).
// Two projects: pure lib unit tests, and API e2e tests against a real embedded PostgreSQL.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2023',
      keepClassNames: true,
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
  },
  moduleNameMapper: {
    '^@pactroom/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // Per-project testTimeout is not honoured by Jest 30; the reliability files set their own.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'libs', testMatch: ['<rootDir>/libs/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'api',
      testMatch: ['<rootDir>/apps/api/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.mjs',
    },
    {
      // Faults, fuzzing and attacks (npm run test:reliability): slower, run one file at a time.
      ...shared,
      displayName: 'reliability',
      testMatch: ['<rootDir>/apps/api/test/reliability/**/*.reliability-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.mjs',
    },
  ],
};
