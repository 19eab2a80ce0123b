#!/usr/bin/env node
// Entry point installed as `nps`: the launcher the build puts beside the bundle (src/launch.cjs)
// runs the CLI, dist/nps.cjs, from a code cache.
'use strict';
require('../dist/launch.cjs');
