#!/usr/bin/env node
// Entry point installed as `nps`: runs dist/nps.cjs, the whole CLI in one file (scripts/build.mjs).
//
// Start-up is most of a small run, so the bundle is compiled with V8's code cache: the compiled
// functions of an earlier run, kept in dist/nps.cjs.cache (what Node 22's module.enableCompileCache
// does; Node 20 lacks it). The cache's first line names the Node version, the bundle's size and
// time, and the CRC-32 of the rest: V8 does not check a cache's bytes, and damaged bytecode could
// crash or, worse, compute something else, so a cache that does not match is not used. Then V8
// compiles from source as usual and the cache is written anew at exit (by rename, never half
// written). A cache that cannot be written (a read-only install) is simply not kept.
// NPS_NO_CODE_CACHE=1 turns it off; so does --debug, for source-mapped stack traces.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'nps.cjs');
const debug = process.argv.includes('--debug');
// zlib.crc32 is in Node from 20.15 on; before that, no cache.
const crc32 = debug || process.env.NPS_NO_CODE_CACHE === '1' ? undefined : require('node:zlib').crc32;

if (debug) process.setSourceMapsEnabled(true);
if (crc32 === undefined) require(bundle);
else runCached(crc32);

function runCached(crc32) {
  const cacheFile = `${bundle}.cache`;
  const stat = fs.statSync(bundle);
  const stamp = `nps-code-cache ${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs}`;
  const cached = readCache(cacheFile, stamp, crc32);
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  if (cached === undefined || script.cachedDataRejected) {
    // After the run, so that the functions it compiled are in the cache too.
    process.once('exit', () => writeCache(cacheFile, stamp, script.createCachedData(), crc32));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

/** The cached data when the cache is for this bundle and this Node, and whole; else undefined. */
function readCache(cacheFile, stamp, crc32) {
  let file;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const lineEnd = file.indexOf(0x0a);
  if (lineEnd < 0) return undefined;
  const header = file.toString('latin1', 0, lineEnd);
  const data = file.subarray(lineEnd + 1);
  return header === `${stamp} ${crc32(data)}` ? data : undefined;
}

function writeCache(cacheFile, stamp, data, crc32) {
  const temporary = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${stamp} ${crc32(data)}\n`, 'latin1'), data]));
    fs.renameSync(temporary, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}
