// Mutation testing (`npm run mutation`, docs/testing.md): Stryker changes src/
// one small edit at a time and runs the unit tests; a change no test notices
// is a behaviour nothing pins. The end-to-end tests are left out: they run the
// bundle in dist/, which a mutant of src/ does not reach without a rebuild.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    configFile: 'jest.config.js',
    // docs.test.ts checks dist/ and the README, which no mutant of src/ changes.
    config: { testMatch: ['**/__tests__/unit/**/*.test.ts'], testPathIgnorePatterns: ['/docs\\.test\\.ts$'], reporters: ['default'] },
    enableFindRelatedTests: false,
  },
  mutate: ['src/secrets/**/*.ts', 'src/plan/**/*.ts', 'src/lifecycle/**/*.ts', 'src/api/**/*.ts', 'src/report/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Mutants of module-level values (regexes, tables) run every test and take most of the time; left out, and listed as ignored.
  ignoreStatic: true,
  ignorePatterns: ['dist', 'bench', '.ci', 'examples/**/node_modules', 'reports'],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  concurrency: 2,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
}
