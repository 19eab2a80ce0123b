// Where the delimiters, double quotes and line breaks of a stretch of bytes stand, so that the
// CSV scanner jumps from one to the next instead of looking at every byte in JavaScript (~3 ns
// a byte here). WebAssembly compares 16 bytes at a time (csv-structural.wat); where WebAssembly
// is missing (`node --jitless`) a plain loop finds the same positions.

// The binary of csv-structural.wat, committed beside it (npm run wasm writes it; a test checks it):
// the bundler inlines it (esbuild's binary loader), and so do the tests (vitest.config.ts).
import STRUCTURAL_WASM from './csv-structural.wasm';

/** The most bytes indexed at once: the positions of one window fit in a fixed buffer. */
export const WINDOW = 1 << 16;
/** Where the positions start in the WebAssembly memory: after the window and its zero padding; then the line breaks' lists. */
const OUTPUT = WINDOW + 64;
const BREAKS = OUTPUT + WINDOW * 4;
const QUOTES = BREAKS + (WINDOW + 1) * 4;
const PAGE = 1 << 16;

type Kernel = (input: number, length: number, output: number, breaks: number, quotes: number, delimiter: number) => number;

let compiled: WebAssembly.Module | null | undefined;

function structuralModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(STRUCTURAL_WASM);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export class StructuralIndex {
  /** positions[0 … count) are the offsets, from `base`, of the bytes found by the last `index`. */
  positions: Int32Array;
  /**
   * For each line break (LF or CR) found, in order: its index in `positions`, and how many
   * quotes stand before it; after the last, `count` and the quotes in all. A record between two
   * line breaks with as many quotes before each holds none, and its fields lie between the
   * positions between them, all delimiters.
   */
  breaks: Int32Array;
  quotesBefore: Int32Array;
  count = 0;
  base = 0;
  private readonly kernel: Kernel | null = null;
  private readonly input: Uint8Array | null = null;

  /** `useWasm` false: the loop, as where WebAssembly is missing (for tests). */
  constructor(
    readonly delimiter: number,
    useWasm = true,
  ) {
    const module = useWasm && typeof WebAssembly === 'object' ? structuralModule() : null;
    if (module === null) {
      this.positions = new Int32Array(WINDOW);
      this.breaks = new Int32Array(WINDOW + 1);
      this.quotesBefore = new Int32Array(WINDOW + 1);
      return;
    }
    const { exports } = new WebAssembly.Instance(module);
    const memory = exports.memory as WebAssembly.Memory;
    memory.grow(Math.ceil((QUOTES + (WINDOW + 1) * 4) / PAGE) - memory.buffer.byteLength / PAGE);
    this.kernel = exports.structural as Kernel;
    this.input = new Uint8Array(memory.buffer, 0, OUTPUT);
    this.positions = new Int32Array(memory.buffer, OUTPUT, WINDOW);
    this.breaks = new Int32Array(memory.buffer, BREAKS, WINDOW + 1);
    this.quotesBefore = new Int32Array(memory.buffer, QUOTES, WINDOW + 1);
  }

  /** Finds the delimiters, quotes, LFs and CRs in bytes[from … to), at most WINDOW bytes; and the line breaks with the quotes before them. */
  index(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from;
    this.base = from;
    if (this.kernel !== null && this.input !== null) {
      this.input.set(bytes.subarray(from, to));
      // The kernel reads whole 16-byte blocks: what follows the bytes must match nothing.
      this.input.fill(0, length, length + 16);
      this.count = this.kernel(0, length, OUTPUT, BREAKS, QUOTES, this.delimiter);
      return;
    }
    const { positions, breaks, quotesBefore, delimiter } = this;
    let count = 0;
    let broken = 0;
    let quotes = 0;
    for (let i = from; i < to; i++) {
      const byte = bytes[i] as number;
      if (byte === 0x0a || byte === 0x0d) {
        breaks[broken] = count;
        quotesBefore[broken++] = quotes;
      } else if (byte === 0x22) quotes++;
      else if (byte !== delimiter) continue;
      positions[count++] = i - from;
    }
    breaks[broken] = count;
    quotesBefore[broken] = quotes;
    this.count = count;
  }
}
