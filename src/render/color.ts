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

type Paint = ((text: string) => string) | undefined;

/**
 * The colour of a score or a difference by what its 95% interval says: green when all of it is
 * above `edge`, red when all of it is below, dimmed when it crosses (the sign is not settled).
 */
export function byInterval(color: ChalkInstance | null, interval: readonly [number, number] | null | undefined, edge = 0): Paint {
  if (!color) return undefined;
  if (interval && interval[0] > edge) return color.green;
  if (interval && interval[1] < edge) return color.red;
  return color.dim;
}

/** A verdict's colour: a significant rise green, a significant fall red, anything not significant dimmed. */
export function byVerdict(color: ChalkInstance | null, value: number | null | undefined, significant: boolean): Paint {
  if (!color) return undefined;
  if (!significant || value === null || value === undefined || value === 0) return color.dim;
  return value > 0 ? color.green : color.red;
}

export const paint = (text: string, fn: Paint): string => (fn ? fn(text) : text);
