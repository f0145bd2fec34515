import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Electron adapters are tested against a mocked `electron`; electron-store must be inlined for vi.mock to reach it.
    server: { deps: { inline: ['electron-store'] } },
  },
});
