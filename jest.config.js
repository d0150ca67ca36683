// Jest runs TypeScript through swc (no type-check here: `tsc --noEmit` does that in `npm test`).
// Node 20's jest cannot require() ESM, so client-node's ESM-only dependencies are compiled to CJS too.
const fs = require('node:fs');
const esmOnly = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', 'socks-proxy-agent', 'agent-base'];
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      transform,
      transformIgnorePatterns,
    },
    {
      // Real control plane (hack/control-plane): globalSetup starts one cluster for the whole run.
      displayName: 'integration',
      testEnvironment: 'node',
      // test/e2e may not exist yet, and jest refuses a missing root.
      roots: ['<rootDir>/test/integration', '<rootDir>/test/e2e'].filter((r) => fs.existsSync(r.replace('<rootDir>', __dirname))),
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/test-timeout.ts'],
      transform,
      transformIgnorePatterns,
    },
  ],
};
