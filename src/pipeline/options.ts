// Flags → zod → a frozen config: zod issues become one usage error that names the flag.

import { z } from 'zod/v3';
import { usageError } from '../core/errors.js';

/** A date given on the command line (--since, --until, --split), as the filters read it. */
export { parseDateFlag } from '../mapping/filters.js';

export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): Readonly<z.infer<T>> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = issue?.path[0] === undefined ? '' : `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const message = issue?.message ?? 'invalid option';
    throw usageError(message.startsWith('--') || flag === '' ? message : `${flag}: ${message}`);
  }
  return Object.freeze(result.data);
}

/** An enum whose error lists the choices. */
export function choice<const T extends readonly [string, ...string[]]>(flag: string, choices: T) {
  return z.enum(choices, {
    errorMap: (_issue, context) => ({ message: `${flag} ${JSON.stringify(context.data)} is not one of: ${choices.join(', ')}` }),
  });
}

/** A number given as text on the command line. */
export function numberFlag(flag: string, min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^[+-]?\d+(\.\d+)?$/, { message: `${flag} takes a number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { message: `${flag} takes a number from ${min} to ${max}` }).max(max, { message: `${flag} takes a number from ${min} to ${max}` }));
}
