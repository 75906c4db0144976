// Lint rules, including the layer rules of the design: each folder imports only what its layer may use.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'worker_threads'];

/** A no-restricted-imports rule for one layer. */
const layer = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tools/**', 'bench/.cache/**', 'resources/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: layer(
      [NODE_BUILTINS, ['electron', 'react', 'react-dom', 'monaco-editor*', '@xterm/*', 'node-pty', 'ws'], ['**/core/*', '**/main/*', '**/renderer/*', '**/server/*', '**/cli/*', '**/preload/*']].flat().map((g) => [g]),
      'src/shared is the contract: no Node, no DOM libraries, no other layer.',
    ),
  },
  {
    files: ['src/core/**'],
    rules: layer(
      [NODE_BUILTINS, ['electron', 'react', 'react-dom', 'monaco-editor*', '@xterm/*', 'node-pty', 'ws'], ['**/main/*', '**/renderer/*', '**/server/*', '**/cli/*', '**/preload/*']].flat().map((g) => [g]),
      'src/core is pure: it may use src/shared only, and no I/O.',
    ),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Tool output and bundles are untrusted: nothing in the renderer may turn text into markup.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render markup from tools or bundles.' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Never render markup from tools or bundles.' },
        { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/][callee.object.name='document']", message: 'Never render markup from tools or bundles.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never render markup from tools or bundles.' },
      ],
      ...layer(
        [NODE_BUILTINS, ['electron', 'node-pty', 'ws'], ['**/main/*', '**/server/*', '**/cli/*', '**/preload/*']].flat().map((g) => [g]),
        'The renderer reaches the backend only through the GopsyApi (src/shared).',
      ),
    },
  },
  {
    files: ['src/main/services/**', 'src/server/**', 'src/cli/**'],
    rules: layer(
      [['electron'], ['**/renderer/*', '**/preload/*', '**/electron/*']].flat().map((g) => [g]),
      'Services, the browser host and the CLI never import Electron: only src/main/electron and src/preload do.',
    ),
  },
  {
    files: ['src/preload/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer(
      [NODE_BUILTINS, ['**/main/*', '**/renderer/*', '**/server/*', '**/cli/*', '**/core/*']].flat().map((g) => [g]),
      'The preload only bridges: electron and src/shared.',
    ),
  },
);
