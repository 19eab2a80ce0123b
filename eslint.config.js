// Lint rules: the recommended sets of ESLint and typescript-eslint, plus the
// design rule that src/core stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A folder that may not import from the folders named (nor the entry points cli.ts and main.ts). */
function layer(folder, above) {
  return [{
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...above.map((name) => ({ group: [`../${name}/*`], message: `${folder} may not import from src/${name}: the layers point one way (see README, Development).` })), { group: ['../cli.js', '../main.js'], message: 'Only main.ts and cli.ts start a run.' }],
      }],
    },
  }];
}

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
        patterns: ['node:*', 'fs', 'path', 'process', 'chalk', 'cli-table3', 'csv-parse', 'csv-parse/*', 'xlsx', 'commander', '../*'],
      }],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  // The layers point one way: commands → pipeline → parallel → mapping → sources → core;
  // render takes reports (core) and nothing else. Each folder may not import those above it;
  // commands reach the data only through pipeline/.
  ...layer('src/sources', ['mapping', 'parallel', 'pipeline', 'commands', 'render']),
  ...layer('src/mapping', ['parallel', 'pipeline', 'commands', 'render']),
  ...layer('src/parallel', ['pipeline', 'commands', 'render']),
  ...layer('src/pipeline', ['commands', 'render']),
  ...layer('src/render', ['sources', 'mapping', 'parallel', 'pipeline', 'commands']),
  ...layer('src/commands', ['sources', 'mapping', 'parallel']),
  {
    // Only the count step knows that the threads exist (issue 15: one Counter, two paths).
    files: ['src/pipeline/**/*.ts'],
    ignores: ['src/pipeline/count.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...['commands', 'render'].map((name) => ({ group: [`../${name}/*`], message: `src/pipeline may not import from src/${name}: the layers point one way (see README, Development).` })),
          { group: ['../parallel/*'], message: 'Only pipeline/count.ts knows the threads: count through its Counter.' },
          { group: ['../cli.js', '../main.js'], message: 'Only main.ts and cli.ts start a run.' },
        ],
      }],
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
