// Respondent ids (--dedupe) numbered in the order they are first met. Millions of them: a map
// of strings held a string and an entry for each, which the collector walked again and again,
// and each lookup of a new string hashed it anew (17 of 34 s at 10M rows: BENCHMARKS.md). Here
// the ids' UTF-16 units sit in one array and an open-addressing table of numbers finds them.

/** FNV-1a over the UTF-16 units, then mixed (murmur3's finaliser) so that close ids spread. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function grown<T extends Int32Array | Uint16Array>(old: T, length: number): T {
  const bigger = new (old.constructor as new (n: number) => T)(Math.max(length, old.length * 2));
  bigger.set(old);
  return bigger;
}

export class IdTable {
  /** The ids one after another; id r is units[starts[r] … starts[r + 1]). */
  private units = new Uint16Array(1 << 16);
  private starts = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  /** Per slot, the number of the id there, or -1. Kept at most half full. */
  private slots = new Int32Array(1 << 11).fill(-1);
  size = 0;

  /** The number of `id`: the next one when it was not met before. */
  numberOf(id: string): number {
    const h = hashOf(id);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const r = this.slots[slot] as number;
      if (r === -1) return this.insert(id, h, slot);
      if (this.hashes[r] === h && this.holds(r, id)) return r;
    }
  }

  /** Id number r, as a string. */
  id(r: number): string {
    const from = this.starts[r] as number;
    const to = this.starts[r + 1] as number;
    let text = '';
    for (let at = from; at < to; at += 4096) text += String.fromCharCode(...this.units.subarray(at, Math.min(to, at + 4096)));
    return text;
  }

  private holds(r: number, id: string): boolean {
    const from = this.starts[r] as number;
    if ((this.starts[r + 1] as number) - from !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (this.units[from + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private insert(id: string, h: number, slot: number): number {
    const r = this.size++;
    if (r + 2 > this.starts.length) {
      this.starts = grown(this.starts, r + 2);
      this.hashes = grown(this.hashes, r + 2);
    }
    const from = this.starts[r] as number;
    if (from + id.length > this.units.length) this.units = grown(this.units, from + id.length);
    for (let i = 0; i < id.length; i++) this.units[from + i] = id.charCodeAt(i);
    this.starts[r + 1] = from + id.length;
    this.hashes[r] = h;
    this.slots[slot] = r;
    if (this.size * 2 > this.slots.length) this.rehash();
    return r;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let r = 0; r < this.size; r++) {
      let slot = (this.hashes[r] as number) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = r;
    }
    this.slots = slots;
  }
}
