// What bin/nps.cjs hands over to (the build copies this file to dist/launch.cjs): runs
// dist/nps.cjs, the whole CLI in one file (scripts/build.mjs), compiled from a code cache, since
// start-up is most of a small run (BENCHMARKS.md, Start-up).
//
// The cache is V8's code cache, kept here: the compiled functions of an earlier run, one cache
// per command, dist/nps.cjs.score.cache and so on: a cache holds the functions its run compiled,
// and a command run with another's cache would compile its own anew every time. Node 22's own
// module.enableCompileCache was measured against it and is not used (it keeps less: BENCHMARKS.md).
//
// A cache's first line names the Node version, the bundle's size and time, and the length and
// checksum of the rest: V8 does not check a cache's bytes, and damaged bytecode could crash or,
// worse, compute something else, so a cache that does not match is not used. Then V8 compiles
// from source as usual and the cache is written anew at exit (by rename, never half written). A
// cache that cannot be written (a read-only install) is simply not kept. NPS_NO_CODE_CACHE=1
// turns it off; so does --debug, for source-mapped stack traces.
//
// The checksum is zlib's crc32 (loading zlib costs less than the smallest gain that would pay
// for a checksum of our own: BENCHMARKS.md, Start-up).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { crc32 } = require('node:zlib');

/** The commands (src/cli.ts), each with its own cache; anything else (help, a typo) shares one. */
const COMMANDS = ['score', 'trend', 'compare', 'drivers', 'comments', 'list', 'plan', 'inspect'];

const bundle = path.join(__dirname, 'nps.cjs');
const debug = process.argv.includes('--debug');

if (debug) process.setSourceMapsEnabled(true);
// zlib.crc32 came with Node 20.15: before it, no cache.
if (debug || process.env.NPS_NO_CODE_CACHE === '1' || typeof crc32 !== 'function') require(bundle);
else runCached();

function runCached() {
  const command = process.argv[2] ?? '';
  const cacheFile = `${bundle}.${COMMANDS.includes(command) ? command : 'other'}.cache`;
  const stat = fs.statSync(bundle);
  const stamp = `nps-code-cache ${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs}`;
  const cached = readCache(cacheFile, stamp);
  // The build makes the bundle ASCII (scripts/build.mjs), so latin1 reads it as UTF-8 would, faster.
  const source = fs.readFileSync(bundle, 'latin1');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  if (cached === undefined || script.cachedDataRejected) {
    // After the run, so that the functions it compiled are in the cache too; and only after a
    // run that did the command's work (exit 0, or 1 for a failed gate), not --help or an error,
    // whose cache would lack most of the command's functions and would then be kept.
    process.once('exit', (code) => {
      if ((code === 0 || code === 1) && !process.argv.some((arg) => arg === '--help' || arg === '-h')) {
        writeCache(cacheFile, stamp, script.createCachedData());
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

/** The length and checksum of the cached data, as the header's last two words. */
function checksum(data) {
  return `${data.length} ${crc32(data).toString(16)}`;
}

/** The cached data when the cache is for this bundle and this Node, and whole; else undefined. */
function readCache(cacheFile, stamp) {
  let fd;
  try {
    fd = fs.openSync(cacheFile, 'r');
  } catch {
    return undefined;
  }
  try {
    const file = fs.readFileSync(fd);
    const lineEnd = file.indexOf(0x0a);
    if (lineEnd < 0) return undefined;
    const data = file.subarray(lineEnd + 1);
    return file.toString('latin1', 0, lineEnd) === `${stamp} ${checksum(data)}` ? data : undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function writeCache(cacheFile, stamp, data) {
  const header = Buffer.from(`${stamp} ${checksum(data)}\n`, 'latin1');
  const temporary = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([header, data]));
    fs.renameSync(temporary, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}
