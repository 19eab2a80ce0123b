// Deterministic survey exports for the benchmark: id, ISO timestamp, score, channel, agent,
// segment, short comment. Usage: node bench/generate.mjs ROWS OUT.csv
import { createWriteStream } from 'node:fs';

const CHANNELS = ['email', 'phone', 'chat', 'web', 'store'];
const SEGMENTS = ['consumer', 'smb', 'enterprise'];
const COMMENTS = ['', 'Great service', 'Slow delivery', '"Quoted, with comma"', 'Helpful staff', 'Too expensive', 'ok', ''];

export async function generate(rows, path) {
  let seed = 20251122;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const out = createWriteStream(path);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write('id,submitted_at,score,channel,agent,segment,comment\n');
  const start = Date.UTC(2024, 0, 1) / 1000;
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const t = new Date((start + Math.floor(random() * 730 * 86400)) * 1000).toISOString().replace('.000Z', 'Z');
    const r = random();
    const score = r < 0.45 ? 9 + Math.floor(random() * 2) : r < 0.65 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7);
    chunk += `${i},${t},${score},${CHANNELS[Math.floor(random() * 5)]},agent${Math.floor(random() * 200)},${SEGMENTS[Math.floor(random() * 3)]},${COMMENTS[Math.floor(random() * 8)]}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((resolve) => out.end(resolve));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows, path] = process.argv.slice(2);
  await generate(Number(rows), path);
}
