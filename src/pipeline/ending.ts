// How a run ends, as text and an exit code: what main.ts writes and returns, and what the tests
// that run commands in-process compare with (test/e2e/run-nps.ts). Pure: main.ts does the writing.

import { EXIT, NpsError } from '../core/errors.js';
import { visibleText } from '../core/visible.js';
import type { Outcome } from './io.js';
import { lineOf } from './messages.js';

/** A line for stderr from the file's text or ours: control characters shown, not sent. */
export const stderrLine = (line: string): string => `${visibleText(line)}\n`;

/** stderr after stdout, and the exit code, of a run that finished: one line per failed gate, exit 1 if any. */
export function finished(outcome: Outcome): { stderr: string; code: number } {
  return { stderr: outcome.gateFailures.map(stderrLine).join(''), code: outcome.gateFailures.length > 0 ? EXIT.gate : EXIT.ok };
}

/** stderr and the exit code of a run that threw: our errors say what and how to fix; anything else is a bug (70). */
export function failed(error: unknown, debug: boolean): { stderr: string; code: number } {
  if (error instanceof NpsError) {
    const stack = debug && error.stack ? `${error.stack}\n` : '';
    return { stderr: `${stderrLine(lineOf('error', error.message))}${error.hint ? `  ${stderrLine(error.hint)}` : ''}${stack}`, code: EXIT[error.kind] };
  }
  const message = error instanceof Error ? error.message : String(error);
  const detail = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '  Run again with --debug for details, and please report it.\n';
  return { stderr: `${lineOf('error', `internal error: ${message}`)}\n${detail}`, code: 70 };
}
