import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Dependencies inlined below ship source maps without sources; their warnings are noise.
  logLevel: 'error',
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
    // Its JSON import lacks an import attribute; inlining lets vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
