import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'src/**/*.test.ts',
      'terraform-cdk/**/*.test.ts',
      'actions/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
