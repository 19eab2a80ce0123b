// Colour is decided once, here: chalk's own detection ignores NO_COLOR, so we decide and
// hand a configured chalk down to the renderers.

import type { ChalkInstance } from 'chalk';

import type { ColorChoice } from '../core/report.js';

/**
 * Level 0 (none) or 1+ (ANSI). Order: --color always|never; then FORCE_COLOR (0/false
 * turns colour off, 1–3 picks a level); then NO_COLOR (any non-empty value); then
 * TERM=dumb; then whether stdout is a terminal.
 */
export function colorLevel(choice: ColorChoice, env: Readonly<Record<string, string | undefined>>, stdoutIsTTY: boolean): 0 | 1 | 2 | 3 {
  if (choice === 'never') return 0;
  if (choice === 'always') return 1;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as 2 | 3;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return stdoutIsTTY ? 1 : 0;
}

/** A chalk at that level, or null for no colour (chalk is loaded only when colour is on). */
export async function paletteFor(level: 0 | 1 | 2 | 3): Promise<ChalkInstance | null> {
  if (level === 0) return null;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}
