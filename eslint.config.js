// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // CommonJS helpers (preloaded into tools with `node -r`) use require by nature.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core runs in plain Node (CLI, tests, preview). It must never reach for Electron.
    files: [
      'src-main/core/**',
      'src-main/cli/**',
      'src-main/node/**',
      'src-main/preview/**',
      'src-main/ipc/**',
      'src-renderer/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only src-main/electron and src-main/preload may import electron (core, CLI, Node adapters, preview, IPC contract and renderer run without it).',
            },
            {
              name: 'electron-store',
              message: 'Use the Storage port; electron-store belongs to src-main/electron.',
            },
          ],
          patterns: [
            {
              group: ['**/electron/**', '../electron', '../../electron'],
              message: 'No Electron adapters from here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
