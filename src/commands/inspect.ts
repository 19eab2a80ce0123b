// `nps inspect FILE`: what the tool sees in an export (format, encoding, header rows, sheet,
// each column's role, the score distribution, the date range) before anything is scored.

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import type { InspectReport } from '../core/report.js';
import { inspectFile } from '../pipeline/inspect-file.js';
import { fitWidth, type Io, type Outcome } from '../pipeline/io.js';
import { InputFlags } from '../pipeline/settings.js';
import { renderInspectTable } from '../render/inspect-table.js';
import { OUTPUT, OWN, schemaOf } from '../pipeline/flags.js';

const InspectFlags = InputFlags.extend(schemaOf({ ...OWN.inspect, output: OUTPUT.output }).shape);
/** What runCli parses this command's flags with. */
export const schema = InspectFlags;

export async function inspectCommand(file: string, run: Settings<z.output<typeof InspectFlags>>, io: Io): Promise<Outcome & { report: InspectReport }> {
  const flags = run.flags;
  const { config, input } = run;
  const report = await inspectFile(file, input, config, io);
  const stdout = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderInspectTable(report, fitWidth(io, flags.output));
  return { report, stdout, gateFailures: [] };
}
