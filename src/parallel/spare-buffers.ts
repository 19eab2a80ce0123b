// The buffers a counting thread hands a part's counts over in (its places and counts:
// ByteCounter.takePart), given back by the main thread once it has added them up, for the
// thread's next parts. Kept by the main thread, each buffer lived until its collector got to it
// and was then freed into the thread's malloc arena: at 10M rows by 146,000 groups, ~40 MB a
// thread alive at once during the count, and arenas glibc kept large after the threads ended
// (BENCHMARKS.md, issue 17, twentieth session).

/** Buffers a pool keeps, at most: a thread's parts not yet added up hold two each, and one or two parts are. */
const KEPT = 6;

/** A buffer made for `bytes`, with room for a later part's few more places. */
function roomFor(bytes: number): number {
  return Math.ceil((bytes * 1.25) / 4096) * 4096;
}

export class SpareBuffers {
  private readonly pool: ArrayBuffer[] = [];

  /** Buffers free again: nothing reads the arrays that were in them. */
  give(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) if (this.pool.length < KEPT && buffer.byteLength > 0) this.pool.push(buffer);
  }

  /** How many buffers wait to be used again. */
  get size(): number {
    return this.pool.length;
  }

  /**
   * An array of `length` numbers, in the smallest spare buffer that holds it, else in a new one.
   * What a spare buffer held is not cleared: the caller writes every number it hands on.
   */
  uint32(length: number): Uint32Array<ArrayBuffer> {
    const bytes = length * 4;
    let best = -1;
    for (let i = 0; i < this.pool.length; i++) {
      const size = (this.pool[i] as ArrayBuffer).byteLength;
      if (size >= bytes && (best < 0 || size < (this.pool[best] as ArrayBuffer).byteLength)) best = i;
    }
    const buffer = best >= 0 ? (this.pool.splice(best, 1)[0] as ArrayBuffer) : new ArrayBuffer(roomFor(bytes));
    return new Uint32Array(buffer, 0, length);
  }
}
