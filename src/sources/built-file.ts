// The built files a thread runs (esbuild's, scripts/build.mjs): next to the bundle that starts it
// (dist/nps.cjs); run from the sources (commands in-process, in tests), the ones `npm run build` made.

import { existsSync } from 'node:fs';

export function builtFile(name: string): URL {
  const beside = new URL(`./${name}`, import.meta.url);
  return existsSync(beside) ? beside : new URL(`../../dist/${name}`, import.meta.url);
}
