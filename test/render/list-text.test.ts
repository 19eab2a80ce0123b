// listText: a terminal's table under --limit shows the first rows of the list; the rest are not
// read back, and what keeps them is let go as the reading stops.

import { describe, expect, it } from 'vitest';
import { listText, type ListRows } from '../../src/render/list.js';

/** A list of `total` rows, each [id, score], that counts the rows read and says whether its reading was ended. */
function countingList(total: number): ListRows & { read: number; ended: boolean } {
  const list = {
    header: ['id', 'score'],
    total,
    read: 0,
    ended: false,
    async *rows(): AsyncGenerator<string[]> {
      try {
        for (let i = 1; i <= total; i++) {
          list.read++;
          yield [`R${i}`, String(i % 7)];
        }
      } finally {
        list.ended = true;
      }
    },
    async *text(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(0);
    },
  };
  return list;
}

async function text(pieces: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = '';
  for await (const piece of pieces) out += typeof piece === 'string' ? piece : Buffer.from(piece).toString();
  return out;
}

describe('listText, a table under --limit', () => {
  it('shows the first 5 of 1,000 rows, reads 6 of them, and ends the reading', async () => {
    const list = countingList(1000);
    const out = await text(listText(list, 'table', false, 5));
    expect(out.split('\n').filter((line) => /^│ R\d+ /.test(line)).map((line) => line.split('│')[1]?.trim())).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(out).toContain('the first 5 of 1,000 rows');
    // The sixth row read tells that there are more; none after it.
    expect(list.read).toBe(6);
    expect(list.ended).toBe(true);
  });

  it('without a limit (made to fit a width), every row is read and shown', async () => {
    const list = countingList(30);
    const out = await text(listText(list, 'table', false, 0, 80));
    expect(out.split('\n').filter((line) => /^│ R\d+ /.test(line))).toHaveLength(30);
    expect(list.read).toBe(30);
    expect(list.ended).toBe(true);
  });
});
