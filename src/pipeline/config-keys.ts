// Every key of nps.config.json and the flag it stands for (null: no flag; it marks a column's
// role, or holds what a flag names a file of). One list, checked by a test against the config
// schema (config.ts), commander's declarations (cli.ts) and the README's table, so that none of
// the three can gain or lose a key alone.

export const CONFIG_KEYS: Readonly<Record<string, string | null>> = {
  'columns.score': '--score',
  'columns.date': '--date',
  'columns.dimensions': null,
  'columns.comment': '--comment',
  'columns.id': null,
  'columns.csat': '--csat',
  'columns.ces': '--ces',
  'columns.weight': '--weight',
  'defaults.by': '--by',
  'defaults.period': '--period',
  'defaults.format': '--format',
  'defaults.metric': '--metric',
  'thresholds.min': '--min',
  'thresholds.minGroup': '--min-group',
  'thresholds.minResponses': '--min-responses',
  'thresholds.maxDrop': '--max-drop',
  'input.encoding': '--encoding',
  'input.delimiter': '--delimiter',
  'input.sheet': '--sheet',
  'input.headerRow': '--header-row',
  dateFormat: '--date-format',
  dedupe: '--dedupe',
  scale: '--scale',
  csatScale: '--scale',
  cesScale: '--scale',
  satisfied: '--satisfied',
  easy: '--easy',
  label: '--label',
  bands: null,
  themes: '--themes',
  $schema: null,
};
