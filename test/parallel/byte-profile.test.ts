// ByteProfile (inspect's profile of a part from its bytes) must give what FileProfile gives
// from the decoded rows: checked on random files whose cells are quoted, padded, blank, past
// ASCII, with NULs, digits that are dates (Excel serials, Unix seconds) and digits that are not,
// columns that pass DISTINCT_CAP values and columns that fill it exactly and then only repeat,
// values met quoted before they come plain, short and long rows, UTF-8 and Windows-1252.
import { describe, expect, it } from 'vitest';
import { DISTINCT_CAP } from '../../src/mapping/column-profile.js';
import { FileProfile, type FileProfileSpec } from '../../src/mapping/file-profile.js';
import { ByteProfile } from '../../src/parallel/byte-profile.js';
import { CsvScanner, fieldDecoderFor } from '../../src/sources/csv-scanner.js';
import { seededRandom } from '../support/random.js';

const random = seededRandom(41);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/** One cell of a column that passes the cap: ids of every shape. */
function idCell(i: number): string {
  return pick([
    String(i), String(10000 + i), String(1_600_000_000 + i), `c${i}`, ` c${i}`, `c${i} `, quoted(`q${i}`), `é${i}`, `a b${i}`, `a\tb${i}`, `x\u0000${i}`, '', '  ',
    String(random() < 0.5 ? 45000 + (i % 50) : 99999), `0${i}`, '7', `${i}.5`,
    // Quoted, as exports that quote every cell have them: read between the quotes unless "" stands there.
    quoted(String(i)), quoted(`a"b${i}`), quoted(` q${i}`), quoted(''), `"q${i}"x`, quoted(String(45000 + (i % 50))), quoted(`é${i}`), quoted(`a b${i}`),
  ]);
}

/** A date cell: ISO with and without a time (many distinct: the column passes the cap), and every other shape. */
function dateCell(): string {
  const day = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const time = `${String(Math.floor(random() * 25)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:${String(Math.floor(random() * 61)).padStart(2, '0')}`;
  return pick([day, `${day}T${time}Z`, `${day} ${time}`, `${day}T${time}`, '03/04/2025', '31/01/2025', '45000', '1700000000', '', ' 2025-01-01', quoted('2025-06-01'), '2025-02-30', 'soon', `${day}T${time}+02:00`, '2025-13-01', quoted(`${day}T${time}Z`), quoted(`${day} ${time}`), quoted(''), quoted('2025-02-30'), quoted(' 2025-01-01'), `"${day}"x`]);
}

function csv(rows: number): string {
  const lines = ['id,date,score,channel,filler,exact,late'];
  for (let i = 1; i <= rows; i++) {
    // `filler`: 1,500 values, some met quoted first; `exact`: exactly DISTINCT_CAP values, each
    // first met plain or quoted in the first rows, then only repeated (never capped).
    const k = Math.floor(random() * 1500);
    const filler = random() < 0.2 ? quoted(`v${k}`) : random() < 0.02 ? quoted(`v"${k}`) : `v${k}`;
    const e = i <= DISTINCT_CAP ? i : 1 + Math.floor(random() * DISTINCT_CAP);
    const exact = random() < 0.1 ? quoted(`e${e}`) : random() < 0.05 ? ` e${e}` : `e${e}`;
    // `late`: DISTINCT_CAP values plain, then only those again, but for one new one near the end: capped by it alone.
    const late = i <= DISTINCT_CAP ? `l${i}` : i === rows - 10 ? 'l-new' : `l${1 + Math.floor(random() * DISTINCT_CAP)}`;
    const fields = [idCell(i), dateCell(), pick(['0', '7', '9', '10', '', ' 8 ', '"10"', 'n/a']), pick(['phone', ' phone', quoted('phone'), 'café', 'chat, web', '', 'x\u0000']), filler, exact, late];
    // Short rows only after the first DISTINCT_CAP (each of those meets an `exact` value).
    const shape = i <= DISTINCT_CAP ? 1 : random();
    if (shape < 0.03 && i !== rows - 10) fields.length = 3; // short
    else if (shape < 0.06) fields.push('extra'); // long
    lines.push(fields.map((f) => (f.includes(',') && !f.startsWith('"') ? quoted(f) : f)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('ByteProfile profiles a part as FileProfile does its decoded rows', () => {
  const spec: FileProfileSpec = { width: 7, score: 2, date: 1 };
  it.each(['utf-8', 'windows-1252'])('%s', (encoding) => {
    for (let round = 0; round < 6; round++) {
      const bytes = Buffer.from(csv(4000), encoding === 'utf-8' ? 'utf8' : 'latin1');
      const text = new FileProfile(spec);
      const fast = new ByteProfile(spec);
      const scanner = new CsvScanner(0x2c, fieldDecoderFor(encoding));
      let row = -1;
      const onRecord = (record: Parameters<Parameters<CsvScanner['pushRaw']>[1]>[0]): void => {
        if (++row === 0) return;
        text.add(record.fields(), row);
        fast.add(record, row);
      };
      for (let at = 0; at < bytes.length; at += 113) scanner.pushRaw(bytes.subarray(at, at + 113), onRecord);
      scanner.endRaw(onRecord);
      const want = text.data();
      expect(fast.data()).toEqual(want);
      // The cases are there: a column capped, one full and not capped, dates and blanks counted.
      expect(want.columns.map((c) => c.capped)).toEqual([true, true, false, false, true, false, true]);
      expect(want.columns[5]?.values.length).toBe(DISTINCT_CAP);
      expect(want.columns[0]?.dates).toBeGreaterThan(100);
      expect(want.dates.days.length).toBeGreaterThan(300);
      expect(want.dates.missing).toBeGreaterThan(100);

      // The same rows as three parts of one thread: one ByteProfile started again for each, each part as a FileProfile of its rows alone.
      const cuts = [700, 2600];
      const texts = [new FileProfile(spec)];
      const parts: ReturnType<ByteProfile['data']>[] = [];
      const thread = new ByteProfile(spec);
      const again = new CsvScanner(0x2c, fieldDecoderFor(encoding));
      row = -1;
      const onPartRecord = (record: Parameters<Parameters<CsvScanner['pushRaw']>[1]>[0]): void => {
        if (++row === 0) return;
        if (cuts.includes(row)) {
          parts.push(thread.data());
          // The last part is told the first column is settled: it hands back none of its values.
          thread.restart(row === cuts[1] ? { ...spec, settled: [true] } : spec);
          texts.push(new FileProfile(spec));
        }
        (texts.at(-1) as FileProfile).add(record.fields(), row);
        thread.add(record, row);
      };
      again.pushRaw(bytes, onPartRecord);
      again.endRaw(onPartRecord);
      parts.push(thread.data());
      const wanted = texts.map((part) => part.data());
      const last = wanted[2];
      if (last !== undefined) last.columns[0] = { ...(last.columns[0] as (typeof last.columns)[number]), values: [] };
      expect(parts).toEqual(wanted);
      expect(texts[2]?.data().columns[0]?.values.length).toBeGreaterThan(100);
    }
  });
});
