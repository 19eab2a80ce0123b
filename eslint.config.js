// Lint rules: the recommended sets of ESLint and typescript-eslint, plus the
// design rule that src/core stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: ['node:*', 'fs', 'path', 'process', 'chalk', 'cli-table3', 'csv-parse', 'csv-parse/*', 'xlsx', 'commander'],
      }],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  {
    // Tests look for ANSI escapes and NUL bytes on purpose.
    files: ['test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Plain Node scripts.
    files: ['eslint.config.js', 'bench/**/*.mjs', 'scripts/*.mjs', 'test/support/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', URL: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // CommonJS: the entry point.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', Buffer: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
