// The one look of every terminal table: a frame, no rules between rows (nor under the heading),
// no colours of cli-table3's own (ours come from the caller's chalk).

import Table from 'cli-table3';

export type Align = 'left' | 'right';

export function textTable(head: string[], aligns: Align[] = []): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: aligns,
  });
}
