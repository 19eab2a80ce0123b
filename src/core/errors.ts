// The one error class. Commands throw it; only src/main.ts turns its kind into an exit code.

/** `output`: the answer could not be written (-o to a folder that is not there, a full disk). */
export type ErrorKind = 'usage' | 'input' | 'output' | 'interrupted';

/** Exit codes; `output` (EX_IOERR of sysexits.h): the answer could not be written (a full disk), never a gate's 1. */
export const EXIT = { ok: 0, gate: 1, usage: 2, input: 2, output: 74, interrupted: 130 } as const;

export class NpsError extends Error {
  readonly kind: ErrorKind;
  /** A follow-up line telling the user how to fix it (which flag). */
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NpsError';
    this.kind = kind;
    this.hint = options.hint;
  }
}

export const usageError = (message: string, hint?: string): NpsError =>
  new NpsError('usage', message, hint === undefined ? {} : { hint });

export const inputError = (message: string, options: { hint?: string; cause?: unknown } = {}): NpsError =>
  new NpsError('input', message, options);

/** Sheet names shown in a message: a workbook of 1,000 sheets is not a page of names. */
export const SHEETS_SHOWN = 20;

/** "a", "b" and "c": for lists of columns and choices in messages. */
export function quoteList(items: readonly string[], limit = 40): string {
  const shown = items.slice(0, limit).map((item) => JSON.stringify(item));
  const more = items.length > limit ? `, … (${items.length - limit} more)` : '';
  return shown.join(', ') + more;
}
