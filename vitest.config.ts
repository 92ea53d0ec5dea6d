import { defineConfig } from 'vitest/config';

// The tests that time /health while a stranger's request runs measure the service, not the machine: they run after
// the others, one file at a time, so another test file's browser or LibreOffice is not what they measure.
const TIMED = [
  'tests/server/http/abuse*.test.ts',
  'tests/server/http/hardening.test.ts',
  'tests/server/http/ops-faults.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['tests/**/*.test.ts'], exclude: TIMED, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'timed', include: TIMED, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
