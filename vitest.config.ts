import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A .wasm file imported from the sources is its bytes, as esbuild's binary loader makes it in the build.
  plugins: [
    {
      name: 'wasm-bytes',
      enforce: 'pre',
      load(id) {
        if (!id.endsWith('.wasm')) return null;
        return `export default new Uint8Array(Buffer.from('${readFileSync(id).toString('base64')}', 'base64'));`;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    env: { TZ: 'UTC' },
  },
});
