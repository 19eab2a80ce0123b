// The count floor of the many-groups rows (bench/floor.mjs): every row of the bench's export read
// and counted into its group, by a program that knows the export's layout (bench/generate.mjs) and
// does nothing else. On 2 threads, as nps counts: each reads half the file in 4 MB reads, finds a
// line's day, score, agent and segment at the places the generator puts them (no CSV parsing, no
// text of a value, no table of values: agent N and the segment's first letter give the group's
// number at once), and adds 1 to one of the group's 11 counts; the main thread adds the two
// threads' counts. Not nps, and not a way to count a real file: a floor under any program that
// must read these rows and count them into these groups.
// Usage: node bench/floor-count.mjs FILE KEY [COUNTS-OUT]
//   KEY: agent,segment,day (~438,000 groups) or agent,day (~146,000)
//   COUNTS-OUT: where to write the counts (a Uint32Array: group × 11 + score), for the check.
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export const AGENTS = 200;
export const SEGMENTS = ['consumer', 'smb', 'enterprise'];
export const DAYS = 730;
export const FIRST_DAY = Date.UTC(2024, 0, 1) / 86400000;
const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The groups' number of a key, and a group's number from its agent, segment (0–2) and day (0–729). */
export const groupCount = (key) => AGENTS * (key === 'agent,segment,day' ? SEGMENTS.length : 1) * DAYS;
export const groupNumber = (key, agent, segment, day) => (key === 'agent,segment,day' ? (agent * SEGMENTS.length + segment) * DAYS + day : agent * DAYS + day);

/** Days from 2024-01-01 of the date at b[i] (YYYY-MM-DD). */
function dayAt(b, i) {
  const y = (b[i] - 48) * 1000 + (b[i + 1] - 48) * 100 + (b[i + 2] - 48) * 10 + (b[i + 3] - 48);
  const m = (b[i + 5] - 48) * 10 + (b[i + 6] - 48);
  const d = (b[i + 8] - 48) * 10 + (b[i + 9] - 48);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 1 : 0;
  const days = (y - 1970) * 365 + Math.floor((y - 1969) / 4) - Math.floor((y - 1901) / 100) + Math.floor((y - 1601) / 400);
  return days + MONTH_START[m - 1] + (m > 2 ? leap : 0) + d - 1 - FIRST_DAY;
}

function countPart({ file, start, end, header, key }) {
  const bySegment = key === 'agent,segment,day';
  const counts = new Uint32Array(groupCount(key) * 11);
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 22);
  let at = start;
  let kept = 0;
  let skip = header;
  while (at < end) {
    const read = readSync(fd, buffer, kept, Math.min(buffer.length - kept, end - at), at);
    if (read === 0) break;
    at += read;
    const length = kept + read;
    let i = 0;
    if (skip) {
      i = buffer.indexOf(10) + 1;
      skip = false;
    }
    for (;;) {
      const lineEnd = buffer.indexOf(10, i);
      if (lineEnd < 0 || lineEnd >= length) break;
      // id,YYYY-MM-DDThh:mm:ssZ,score,channel,agentN,segment,...
      let j = i;
      while (buffer[j] !== 44) j++;
      const day = dayAt(buffer, j + 1);
      j += 22;
      let score = buffer[j++] - 48;
      if (buffer[j] !== 44) score = score * 10 + buffer[j++] - 48;
      j++;
      while (buffer[j] !== 44) j++;
      j += 6;
      let agent = 0;
      while (buffer[j] !== 44) agent = agent * 10 + buffer[j++] - 48;
      const segment = bySegment ? (buffer[j + 1] === 99 ? 0 : buffer[j + 1] === 115 ? 1 : 2) : 0;
      if (agent >= AGENTS || day < 0 || day >= DAYS || score > 10) throw new Error(`not the bench's export: agent ${agent}, day ${day}, score ${score}`);
      counts[groupNumber(key, agent, segment, day) * 11 + score]++;
      i = lineEnd + 1;
    }
    kept = length - i;
    buffer.copy(buffer, 0, i, length);
  }
  closeSync(fd);
  return counts;
}

if (!isMainThread) {
  const counts = countPart(workerData);
  parentPort.postMessage(counts.buffer, [counts.buffer]);
} else if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [file, key, out] = process.argv.slice(2);
  if (key !== 'agent,segment,day' && key !== 'agent,day') throw new Error(`KEY: agent,segment,day or agent,day, not ${key}`);
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  // The second half starts after the first line end past the middle.
  const probe = Buffer.alloc(4096);
  readSync(fd, probe, 0, probe.length, Math.floor(size / 2));
  const middle = Math.floor(size / 2) + probe.indexOf(10) + 1;
  closeSync(fd);
  const parts = [
    { file, start: 0, end: middle, header: true, key },
    { file, start: middle, end: size, header: false, key },
  ];
  const buffers = await Promise.all(
    parts.map(
      (part) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: part });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const counts = new Uint32Array(buffers[0]);
  const other = new Uint32Array(buffers[1]);
  for (let i = 0; i < counts.length; i++) counts[i] += other[i];
  if (out) writeFileSync(out, counts);
}
