// src/stdio.ts: stdout and stderr written straight to a pipe or a file, else through Node's stream.
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channel } from '../src/stdio.js';

/** A stand-in for process.stdout that keeps what it is given. */
function fakeStream(isTTY = false, columns?: number) {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns,
    write(chunk: string | Uint8Array) {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'nps-stdio-')), 'out.txt');

describe('channel', () => {
  it('a stream (a socket, a terminal): drained() waits for its "drain" when its buffer is full, and not otherwise', async () => {
    // A stream that holds what it is given until told to let it go, as a socket to a slow reader does.
    const { PassThrough } = await import('node:stream');
    const socket = new PassThrough({ highWaterMark: 16 });
    // fd -1 is no pipe and no file: the stream is used.
    const out = channel(-1, () => socket as unknown as NodeJS.WriteStream);
    let drained = false;
    out.write('small');
    await out.drained();
    out.write('x'.repeat(1000));
    const waiting = out.drained().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    socket.read();
    await waiting;
    expect(drained).toBe(true);
  });

  it('a pipe or a file is written with write(2): drained() is at once', async () => {
    const fd = openSync(tempFile(), 'w');
    const out = channel(fd, () => fakeStream().stream);
    out.write('x'.repeat(100_000));
    await out.drained();
    closeSync(fd);
  });

  it('writes a file with write(2), all of it, without touching the stream', () => {
    const path = tempFile();
    const fd = openSync(path, 'w');
    let touched = false;
    const out = channel(fd, () => {
      touched = true;
      return fakeStream().stream;
    });
    expect(out.isTTY).toBe(false);
    const big = 'é'.repeat(300_000);
    out.write('first\n');
    out.write(big);
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(`first\n${big}`);
    expect(touched).toBe(false);
  });

  it('finishes a short write', () => {
    const path = tempFile();
    const fd = openSync(path, 'w');
    // write(2) may write less than asked; the rest follows.
    const stingy = (target: number, bytes: Uint8Array, offset?: number | null) => writeSync(target, bytes, offset ?? 0, Math.min(3, bytes.length - (offset ?? 0)));
    channel(fd, () => fakeStream().stream, stingy as typeof writeSync).write('a line of some length\n');
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('a line of some length\n');
  });

  it('on EAGAIN (a full non-blocking pipe) waits and writes the rest itself, so the order holds', () => {
    const path = tempFile();
    const fd = openSync(path, 'w');
    let calls = 0;
    // Part of the first write goes through, then the pipe is full twice, then there is room.
    const full = (target: number, bytes: Uint8Array, offset?: number | null) => {
      calls++;
      if (calls === 1) return writeSync(target, bytes, offset ?? 0, 4);
      if (calls <= 3) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
      return writeSync(target, bytes, offset ?? 0);
    };
    let pauses = 0;
    let touched = false;
    const out = channel(
      fd,
      () => {
        touched = true;
        return fakeStream().stream;
      },
      full as typeof writeSync,
      () => pauses++,
    );
    out.write('1234567890');
    out.write('next');
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('1234567890next');
    expect([calls, pauses, touched]).toEqual([5, 2, false]);
  });

  it('really waits on a pipe that stays full: 1 ms at a time', () => {
    const fd = openSync(tempFile(), 'w');
    let calls = 0;
    const full = (target: number, bytes: Uint8Array, offset?: number | null) => {
      if (++calls <= 5) throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
      return writeSync(target, bytes, offset ?? 0);
    };
    const started = performance.now();
    channel(fd, () => fakeStream().stream, full as typeof writeSync).write('x');
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
    closeSync(fd);
  });

  it('lets EPIPE through to the caller (main.ts: the reader went away)', () => {
    const fd = openSync(tempFile(), 'w');
    const gone = () => {
      throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
    };
    const out = channel(fd, () => fakeStream().stream, gone as typeof writeSync);
    expect(() => out.write('x')).toThrow(/EPIPE/);
    closeSync(fd);
  });

  it('uses the stream for anything but a pipe or a file (a terminal, /dev/null), with its width', () => {
    const fd = openSync('/dev/null', 'w');
    const { stream, written } = fakeStream(true, 132);
    const out = channel(fd, () => stream);
    expect([out.isTTY, out.columns]).toEqual([true, 132]);
    out.write('hello');
    expect(written).toEqual(['hello']);
    closeSync(fd);
  });
});
