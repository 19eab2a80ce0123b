// The threads of this process (Linux): a worker thread is one. Tests that a thread ends read it.

import { readdirSync } from 'node:fs';

export const threadCount = (): number => readdirSync('/proc/self/task').length;
