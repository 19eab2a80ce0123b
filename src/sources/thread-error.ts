// An error as it crosses from a thread to the main one. A message between threads keeps an
// Error's message, not its class or fields: the user's errors (NpsError: kind and hint) and the
// errors a reader throws to be said otherwise (NotUtf8: read the file again; Refused: a workbook
// not readable) are made again as they were thrown. What any other error means is each main
// thread's to say.

import { NpsError, type ErrorKind } from '../core/errors.js';
import { NotUtf8 } from './decode.js';
import { Refused } from './xlsx-zip.js';

export interface CrossingError {
  message: string;
  kind?: ErrorKind;
  hint?: string;
  code?: string;
  as?: 'notUtf8' | 'refused';
}

export function crossing(error: unknown): CrossingError {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    message: error.message,
    ...(error instanceof NotUtf8 ? { as: 'notUtf8' } : error instanceof Refused ? { as: 'refused' } : {}),
    ...(error instanceof NpsError ? { kind: error.kind, ...(error.hint === undefined ? {} : { hint: error.hint }) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The error as the thread threw it; `other` makes the one for an error of no class said here. */
export function arrived(shape: CrossingError, other: (message: string, code: string | undefined) => Error): Error {
  if (shape.as === 'notUtf8') return new NotUtf8();
  if (shape.as === 'refused') return new Refused(shape.message);
  if (shape.kind !== undefined) return new NpsError(shape.kind, shape.message, shape.hint === undefined ? {} : { hint: shape.hint });
  return other(shape.message, shape.code);
}
