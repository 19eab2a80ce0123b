// The JSON of `nps score` is written in pieces (render/json.ts): joined, they must be the
// document JSON.stringify gives for the whole report, byte for byte, however the groups are cut.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { toJsonShape, type ScoreReport } from '../../src/core/report.js';
import { jsonPieces } from '../../src/render/json.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const whole = (report: ScoreReport): string => `${JSON.stringify(toJsonShape(report), null, 2)}\n`;

describe('jsonPieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-json-'));
  // Group names JSON must escape: a line break and a quote inside a value, "__proto__", a tab, non-Latin text.
  const names = ['web', 'a "quoted"\nname', '__proto__', 'tab\there', 'Malmö 東京', 'x'];
  const rows = Array.from({ length: 120 }, (_, i) => `${i},"${(names[i % names.length] as string).replaceAll('"', '""')}",${(i * 7) % 11}`);
  const file = join(dir, 'names.csv');
  writeFileSync(file, `id,channel,score\n${rows.join('\n')}\n`);

  it.each([
    [['--by', 'channel']],
    [['--by', 'channel', '--top', '2', '--sort', 'nps']],
    [['--by', 'channel', '--benchmark', '10', '--min', '0', '--min-group', '-50']],
    [['--by', 'id']],
    [[]],
    [['--where', 'channel=none', '--by', 'channel']],
  ])('score %j: the pieces joined are the whole document, in pieces of 1, 2, 5 and 2,000 groups', async (flags) => {
    const out = await runCli(['score', file, ...flags, '--format', 'json'], fakeIo());
    const report = (out as unknown as { report: ScoreReport }).report;
    const expected = whole(report);
    expect(JSON.parse(expected).groups).toHaveLength(report.groups.length);
    for (const size of [1, 2, 5, 2000]) expect([...jsonPieces(report, size)].join(''), `pieces of ${size}`).toBe(expected);
    // What the command writes is that document.
    expect(await stdoutOf(out)).toBe(expected);
    // Pieces of 5 groups: ceil(n / 5) pieces of groups between the head and the tail.
    if (report.groups.length > 0) expect([...jsonPieces(report, 5)]).toHaveLength(Math.ceil(report.groups.length / 5) + 2);
  });
});
