// `nps inspect FILE`: what the tool sees in an export (format, encoding, header rows, sheet,
// each column's role, the score distribution, the date range) before anything is scored.

import type { z } from 'zod/v3';
import type { InspectReport } from '../core/report.js';
import { inspectFile } from '../pipeline/inspect-file.js';
import type { Io, Outcome } from '../pipeline/io.js';
import { parseOptions } from '../pipeline/options.js';
import { InputFlags, loadSettings } from '../pipeline/settings.js';
import { renderInspectTable } from '../render/inspect-table.js';
import { OWN, schemaOf } from '../pipeline/flags.js';

const InspectFlags = InputFlags.extend(schemaOf(OWN.inspect).shape);
export type InspectFlags = z.input<typeof InspectFlags>;

export async function inspectCommand(file: string, rawFlags: InspectFlags, io: Io): Promise<Outcome & { report: InspectReport }> {
  const flags = parseOptions(InspectFlags, rawFlags);
  const { config, settings } = await loadSettings(flags, io);
  const report = await inspectFile(file, settings, config, io);
  const stdout = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderInspectTable(report);
  return { report, stdout, gateFailures: [] };
}
