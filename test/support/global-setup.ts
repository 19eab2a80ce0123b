// Runs once in vitest's main process, where output is not captured: says plainly when the
// suite on the real public survey files will be skipped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const data = process.env.NPS_PUBLIC_DATA ?? fileURLToPath(new URL('../../../shared/data/public', import.meta.url));
  if (!existsSync(`${data}/SOURCES.md`)) {
    process.stdout.write(`\n*** public-data suite SKIPPED: no ${data}/SOURCES.md (set NPS_PUBLIC_DATA to the folder to run it) ***\n\n`);
  }
}
