/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testTimeout: 30_000,
  // One temporary folder for the whole run, removed at its end (see there).
  globalSetup: '<rootDir>/__tests__/support/temp-setup.mjs',
  globalTeardown: '<rootDir>/__tests__/support/temp-teardown.mjs',
  reporters: ['default', '<rootDir>/__tests__/support/closing-line-reporter.mjs'],
}
