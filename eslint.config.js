// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ELECTRON_PATHS = [
  {
    name: 'electron',
    message:
      'Only src-main/electron and src-main/preload may import electron (core, CLI, Node adapters, runtime, preview, IPC contract and renderer run without it).',
  },
  {
    name: 'electron-store',
    message: 'Use the SettingsStore port; electron-store belongs to src-main/electron.',
  },
];
const ELECTRON_PATTERNS = [
  { group: ['**/electron/**', '../electron', '../../electron'], message: 'No Electron adapters from here.' },
];

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
    // Everything that runs without Electron (core, CLI, Node adapters, runtime, preview, contract).
    files: [
      'src-main/cli/**',
      'src-main/node/**',
      'src-main/app/**',
      'src-main/preview/**',
      'src-main/ipc/**',
      'src-main/shared/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ELECTRON_PATHS, patterns: ELECTRON_PATTERNS }] },
  },
  {
    // The core is the domain: it takes the world as ports and knows no host, transport or notifier.
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...ELECTRON_PATHS,
            { name: 'node-notifier', message: 'The core decides; src-main/node/notifier.ts delivers.' },
          ],
          patterns: [
            ...ELECTRON_PATTERNS,
            {
              group: ['**/ipc/**', '**/node/**', '**/cli/**', '**/preview/**', '**/app/**'],
              message:
                'The core imports no host (ipc/, node/, cli/, preview/, app/, electron/): shared types live in src-main/shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to main only through the contract; it shares types, never core runtime code.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_PATHS,
          patterns: [
            ...ELECTRON_PATTERNS,
            {
              group: [
                ...['core', 'app', 'node', 'cli', 'preview', 'electron', 'preload', 'simulator'].map(
                  (dir) => `**/src-main/${dir}/**`,
                ),
                '**/src-main/ipc/*',
                '!**/src-main/ipc/contract',
                '!**/src-main/ipc/app-settings',
              ],
              message:
                'The renderer imports only src-main/shared/ (types, limits) and the IPC contract (src-main/ipc/contract, app-settings).',
            },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC only in the gate (electron/ipc.ts checks every sender) and the preload.
    files: ['src-main/electron/**'],
    ignores: ['src-main/electron/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Register channels through src-main/electron/ipc.ts, which checks the sender.',
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
