// A row of `nps list` as NDJSON and as an item of the JSON array: written from the header's names,
// quoted once, and the row's cells, it must be the text JSON.stringify writes for the object of
// those (name, cell) pairs, whatever the names: array indices (which an object puts first),
// a name twice, "__proto__", quotes, line breaks, characters past ASCII and lone surrogates.

import { describe, expect, it } from 'vitest';
import { listRowText } from '../../src/core/list-row.js';
import { seededRandom } from '../support/random.js';

/** The object JSON.stringify is asked to write, made as Object.fromEntries makes it. */
const objectOf = (header: readonly string[], row: readonly string[]): object => Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));

const HEADERS: string[][] = [
  ['id', 'score', 'comment'],
  ['10', 'name', '2', '0', 'x'],
  ['a', 'b', 'a'],
  ['__proto__', 'constructor', 'toString'],
  ['say "hi"', 'line\nbreak', 'tab\there', 'é', '中文', '\ud800', '😀'],
  ['4294967294', '4294967295', '01', '-1', '1.5', ''],
  ['only'],
];

describe('listRowText: NDJSON and JSON rows written from the names and the cells', () => {
  it.each(HEADERS)('the same text as JSON.stringify of the object, header %#', (...header) => {
    const random = seededRandom(header.length * 31 + 7);
    const pieces = ['', 'x', '"', '\\', '\n', 'é', '\ud83d', '😀', '1', ' ', ',', '{', '}'];
    for (let trial = 0; trial < 40; trial++) {
      // Rows as long as the header, shorter (cells left out: ''), or longer (cells past it: not written).
      const length = Math.max(0, header.length + Math.floor(random() * 3) - 1);
      const row = Array.from({ length }, () => Array.from({ length: Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
      const object = objectOf(header, row);
      expect(listRowText('ndjson', header, false)(row)).toBe(`${JSON.stringify(object)}\n`);
      // An item of the array: after its ",", as JSON.stringify([…], null, 2) writes it inside "[" and "\n]".
      expect(listRowText('json', header, false)(row)).toBe(`,${JSON.stringify([object], null, 2).slice(1, -2)}`);
    }
  });

  it('hand-written: indices first, a name twice keeps its first place and its last cell', () => {
    expect(listRowText('ndjson', ['b', '2', 'a', 'b', '1'], false)(['B1', 'two', 'A', 'B2', 'one'])).toBe('{"1":"one","2":"two","b":"B2","a":"A"}\n');
    expect(listRowText('json', ['b', '2'], false)(['x'])).toBe(',\n  {\n    "2": "",\n    "b": "x"\n  }');
    expect(listRowText('json', [], false)(['x'])).toBe(',\n  {}');
    expect(listRowText('ndjson', [], false)(['x'])).toBe('{}\n');
  });
});
