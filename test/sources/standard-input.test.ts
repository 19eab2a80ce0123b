// `-` when standard input is a regular file (`nps score - < export.csv`): read as that file is,
// through a path of its own (regularFileOf), and named "stdin"; anything else is streamed.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, openInput, regularFileOf, type StandardInput } from '../../src/sources/input.js';

const withDescriptor = <T,>(path: string, flags: string, use: (fd: number) => T): T => {
  const fd = openSync(path, flags);
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
};

async function exportFile(bytes: number): Promise<{ path: string; content: Buffer }> {
  const dir = await mkdtemp('/tmp/nps-stdin-file-');
  const path = `${dir}/export.csv`;
  const line = 'id,score\n';
  const content = Buffer.from(line + Array.from({ length: Math.ceil(bytes / 8) }, (_, i) => `${i},${i % 11}\n`).join(''));
  await writeFile(path, content);
  return { path, content };
}

describe('regularFileOf: standard input as a file of its own', () => {
  it('a regular file not read from: a path that reads the same bytes, from the start', async () => {
    const { path, content } = await exportFile(5000);
    withDescriptor(path, 'r', (fd) => {
      const own = regularFileOf(fd);
      expect(own).toBe(`/proc/self/fd/${fd}`);
      expect(readFileSync(own as string).equals(content)).toBe(true);
    });
  });

  it('a file read from already: none (what it gives starts where the descriptor is)', async () => {
    const { path } = await exportFile(5000);
    withDescriptor(path, 'r', (fd) => {
      readSync(fd, Buffer.alloc(9), 0, 9, null);
      expect(regularFileOf(fd)).toBeNull();
    });
  });

  it('a FIFO, a character device, a closed descriptor: none', async () => {
    const dir = await mkdtemp('/tmp/nps-stdin-fifo-');
    execFileSync('mkfifo', [`${dir}/pipe`]);
    // Read and write: opening a FIFO so does not wait for a writer (Linux).
    withDescriptor(`${dir}/pipe`, 'r+', (fd) => expect(regularFileOf(fd)).toBeNull());
    withDescriptor('/dev/null', 'r', (fd) => expect(regularFileOf(fd)).toBeNull());
    const closed = openSync('/dev/null', 'r');
    closeSync(closed);
    expect(regularFileOf(closed)).toBeNull();
  });
});

describe('openInput of - with a path for standard input', () => {
  const unread: StandardInput['stream'] = () =>
    new Readable({
      read() {
        this.destroy(new Error('standard input was streamed'));
      },
    });

  it('is read as a file (its size, read again, at offsets) and named stdin; its stream is never taken', async () => {
    const { path, content } = await exportFile(3 * HEAD_BYTES);
    let streamed = false;
    const input = await openInput('-', {
      stream: () => {
        streamed = true;
        return unread();
      },
      file: () => path,
    });
    expect(input).toMatchObject({ name: 'stdin', path, size: content.length });
    expect(input.reread).not.toBeNull();
    const chunks = [input.head];
    for await (const chunk of input.rest) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    expect(streamed).toBe(false);
  });

  it('a small file too (read in one call), named stdin', async () => {
    const { path, content } = await exportFile(100);
    const input = await openInput('-', { stream: unread, file: () => path });
    expect(input).toMatchObject({ name: 'stdin', path, size: content.length, complete: true });
    expect(input.head.equals(content)).toBe(true);
  });

  it('without a path, standard input is streamed: no size, not read again', async () => {
    const input = await openInput('-', { stream: () => Readable.from([Buffer.from('id,score\n1,9\n')]), file: () => null });
    expect(input).toMatchObject({ name: 'stdin', path: null, size: null, reread: null });
    expect(String(input.head)).toBe('id,score\n1,9\n');
  });
});
