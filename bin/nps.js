#!/usr/bin/env node
// Entry point installed as `nps`: everything lives in the compiled dist/main.js.
import '../dist/main.js';
