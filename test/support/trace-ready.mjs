// Loaded with `node --import`: says "TRACE ready" on stderr once the program has set its Ctrl-C
// handler (at load) and is waiting on its input, so that a test signals it then, not after a
// guessed time (a busy machine may start it slowly).
import { setImmediate } from 'node:timers';
import process from 'node:process';

const whenReady = () => {
  if (process.listenerCount('SIGINT') > 0) process.stderr.write('TRACE ready\n');
  else setImmediate(whenReady);
};
setImmediate(whenReady);
