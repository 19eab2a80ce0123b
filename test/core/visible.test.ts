// visible: a copy of plain data with every string made safe to print on a terminal.

import { describe, expect, it } from 'vitest';
import { visible, visibleText } from '../../src/core/visible.js';

describe('visible', () => {
  it('copies plain objects and arrays field by field, every string made visible, other values kept', () => {
    class Kept {
      text = '\u001b[2J';
    }
    const kept = new Kept();
    const data = { key: ['a\u001b[2J', 'b'], stats: { nps: 12.5, interval: [-1, 2], band: 'x\ry' }, none: null, instance: kept };
    const copy = visible(data);
    expect(copy).toEqual({ key: ['a\\u001b[2J', 'b'], stats: { nps: 12.5, interval: [-1, 2], band: 'x\\ry' }, none: null, instance: kept });
    expect(copy.instance).toBe(kept);
    expect(data.key[0]).toBe('a\u001b[2J');
    expect(visibleText('a\r\nb\tc')).toBe('a\nb\\tc');
  });

  it('a field named __proto__ stays an own field of the copy, its prototype untouched', () => {
    const data = JSON.parse('{"__proto__": {"name": "\\u001b]0;title\\u0007"}, "n": 1}') as Record<string, unknown>;
    const copy = visible(data);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ name: '\\u001b]0;title\\u0007' });
    expect(copy.n).toBe(1);
  });
});
