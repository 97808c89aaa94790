import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,cjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['scripts/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-var': 'off' },
  },
  {
    // The renderer talks only to window.sessionDock; shared code is pure.
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path', 'os', 'child_process'],
              message: 'Renderer and shared code must not import Node or Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The core, the IPC handlers and headless mode run without Electron: under plain Node (headless,
    // vitest) and, for the handlers, bound into Chromium by the e2e tests. Only the shell
    // (src/main/app, src/main/index.ts) and the one file that registers IPC handlers touch Electron.
    files: ['src/main/core/**/*.ts', 'src/main/ipc/**/*.ts', 'src/main/headless*.ts'],
    ignores: ['src/main/ipc/register-handlers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'The core, the IPC handlers and headless mode must run without Electron (headless mode, tests, the e2e harness): take what you need from the shell as an injected adapter (src/main/core/adapters.ts, ShellAdapters in src/main/ipc/handlers.ts).',
            },
          ],
          patterns: [
            {
              group: ['electron/*'],
              message: 'The core, the IPC handlers and headless mode must run without Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // Raw ipcMain/ipcRenderer only inside the two typed IPC helpers.
    files: ['src/**/*.ts'],
    ignores: ['src/main/ipc/register-handlers.ts', 'src/preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcMain']", message: 'Use the typed IPC helper in src/main/ipc.' },
        { selector: "Identifier[name='ipcRenderer']", message: 'Use the typed preload bridge.' },
      ],
    },
  },
);
