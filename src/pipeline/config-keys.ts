// Every key of nps.config.json and the flag it stands for (null: no flag; it marks a column's
// role, or holds what a flag names a file of). Made from the flags' declarations (flags.ts),
// plus the keys no flag stands for; a test checks it against the config schema (config.ts),
// commander's --help and the README's table, so that none of them can gain or lose a key alone.

import { GATES, INPUT, LIST_FORMAT, MEASURE, OWN, SELECTION, namesOf, type Flag } from './flags.js';

/** Keys with no flag of their own: column roles for inspect, bands, the JSON schema; the rating scales that --scale sets per metric. */
const WITHOUT_A_FLAG: Readonly<Record<string, string | null>> = {
  'columns.dimensions': null,
  'columns.id': null,
  csatScale: '--scale',
  cesScale: '--scale',
  bands: null,
  $schema: null,
};

function configKeys(): Record<string, string | null> {
  const keys: Record<string, string | null> = {};
  const groups: Record<string, Flag>[] = [INPUT, SELECTION, GATES, MEASURE, { format: LIST_FORMAT }, ...Object.values(OWN)];
  for (const group of groups) {
    for (const flag of Object.values(group)) {
      if (flag.config !== undefined) keys[flag.config] = `--${namesOf(flag).long}`;
    }
  }
  return { ...keys, ...WITHOUT_A_FLAG };
}

export const CONFIG_KEYS: Readonly<Record<string, string | null>> = configKeys();
