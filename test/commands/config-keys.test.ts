// One list of config keys and their flags (src/pipeline/config-keys.ts), checked against the
// config schema, commander's declarations and the README's table (issue 15, item 1).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ZodTypeAny } from 'zod/v3';
import { runCli } from '../../src/cli.js';
import { configSchema } from '../../src/pipeline/config.js';
import { CONFIG_KEYS } from '../../src/pipeline/config-keys.js';
import { fakeIo } from '../support/fake-io.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const COMMANDS = ['score', 'trend', 'compare', 'drivers', 'comments', 'list', 'plan', 'inspect'];

/** The schema's keys, one level into each object (columns.score, thresholds.min, …). */
function schemaKeys(): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(configSchema().shape as Record<string, ZodTypeAny>)) {
    const inner = value._def.typeName === 'ZodOptional' ? value._def.innerType : value;
    const shape = inner._def.typeName === 'ZodObject' && key !== 'bands' ? (inner._def.shape() as Record<string, unknown>) : null;
    if (shape) for (const child of Object.keys(shape)) keys.push(`${key}.${child}`);
    else keys.push(key);
  }
  return keys.sort();
}

describe('config keys', () => {
  it('the list holds exactly the keys of the config schema', () => {
    expect(Object.keys(CONFIG_KEYS).sort()).toEqual(schemaKeys());
  });

  it('each flag a key stands for is declared to commander by some command', async () => {
    let help = '';
    for (const command of COMMANDS) help += (await runCli([command, '--help'], fakeIo())).stdout;
    const declared = new Set(help.match(/--[a-z][a-z-]*/g));
    const missing = Object.values(CONFIG_KEYS).filter((flag): flag is string => flag !== null && !declared.has(flag));
    expect(missing).toEqual([]);
  });

  it("the README's table names each key once, and its flag", () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const table = readme.slice(readme.indexOf('| key | type | same as |'), readme.indexOf('## Output'));
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    for (const [key, flag] of Object.entries(CONFIG_KEYS)) {
      const name = key.split('.').pop() as string;
      const row = rows.find((line) => line.split('|')[1]?.includes(`\`${key}\``) || line.split('|')[1]?.includes(`\`${name}\``));
      expect(row, `README config table: ${key}`).toBeDefined();
      if (flag !== null && key !== 'columns.comment' && key !== 'themes') expect(row, `README config table: ${key} → ${flag}`).toContain(flag);
    }
  });
});
