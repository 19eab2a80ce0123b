// The CSV scanner's SIMD pass is WebAssembly written as text, src/sources/csv-structural.wat,
// and committed assembled beside it (csv-structural.wasm), which the build inlines. After
// editing the .wat: `npm run wasm` writes the .wasm (wabt); a test fails while the two differ.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import wabtModule from 'wabt';

/** The binary of a .wat file (a URL), base64. */
export async function assemble(url, features = {}) {
  const wabt = await wabtModule();
  const parsed = wabt.parseWat(url.pathname.split('/').pop(), await readFile(url, 'utf8'), features);
  try {
    parsed.validate();
    return Buffer.from(parsed.toBinary({}).buffer).toString('base64');
  } finally {
    parsed.destroy();
  }
}

export const STRUCTURAL_WAT = new URL('../src/sources/csv-structural.wat', import.meta.url);
export const STRUCTURAL_WASM = new URL('../src/sources/csv-structural.wasm', import.meta.url);

export const assembleStructural = () => assemble(STRUCTURAL_WAT, { simd: true });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(STRUCTURAL_WASM, Buffer.from(await assembleStructural(), 'base64'));
  console.log(`wrote ${fileURLToPath(STRUCTURAL_WASM)}`);
}
