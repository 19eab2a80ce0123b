// The table renderer (src/render/text-table.ts): the frame every terminal table has, worked out
// by hand here; the golden set shows it draws every command's tables as cli-table3 did.

import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/render/text-table.js';
import { renderList } from '../../src/render/list.js';

describe('textTable', () => {
  it('frames, pads by one space, aligns left or right, and makes a row as tall as its tallest cell', () => {
    const table = textTable(['name', 'n'], ['left', 'right']);
    table.push(['phone', '12']);
    table.push(['two\nlines', '3']);
    expect(table.toString()).toBe(
      ['┌───────┬────┐', '│ name  │  n │', '│ phone │ 12 │', '│ two   │  3 │', '│ lines │    │', '└───────┴────┘'].join('\n'),
    );
  });

  it('measures what a terminal shows: colour codes take no room, CJK characters two columns, emoji two', () => {
    const table = textTable(['a', 'b']);
    table.push(['\u001b[32m+32.5\u001b[39m', '東京']);
    table.push(['x', '😀']);
    expect(table.toString().split('\n')).toEqual(['┌───────┬──────┐', '│ a     │ b    │', '│ \u001b[32m+32.5\u001b[39m │ 東京 │', '│ x     │ 😀   │', '└───────┴──────┘']);
  });

  it('a rule across the table before a row (the Overall row)', () => {
    const table = textTable(['g', 'n'], ['left', 'right']);
    table.push(['a', '1']);
    table.rule();
    table.push(['Overall', '1']);
    expect(table.toString().split('\n')).toEqual(['┌─────────┬───┐', '│ g       │ n │', '│ a       │ 1 │', '├─────────┼───┤', '│ Overall │ 1 │', '└─────────┴───┘']);
  });

  it('a row with fewer cells gets empty ones; only a heading still has its frame', () => {
    const table = textTable(['a', 'b', 'c']);
    table.push(['1']);
    expect(table.toString().split('\n')[2]).toBe('│ 1 │   │   │');
    expect(textTable(['only']).toString()).toBe('┌──────┐\n│ only │\n└──────┘');
  });

  it('300,000 rows of a list: every row drawn, no stack overflow (cli-table3 overflowed its stack)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [String(i + 1), `agent${i % 200}`, String(i % 7), 'detractor']);
    const out = renderList({ header: ['id', 'agent', 'score', 'class'], rows }, 'table', false);
    const lines = out.split('\n');
    // Frame top, heading, the rows, frame bottom, the count, and the final line break.
    expect(lines.length).toBe(300_000 + 5);
    expect(lines[1]).toBe('│ id     │ agent    │ score │ class     │');
    // The last row: i = 299,999 = 7 × 42,857, so its score is 0.
    expect(lines[300_001]).toBe('│ 300000 │ agent199 │ 0     │ detractor │');
    expect(lines.at(-2)).toBe('300,000 rows');
  });
});
