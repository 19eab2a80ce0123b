// Injected into the CommonJS bundle by scripts/build.mjs, where require and __filename exist:
// what import.meta.url is in an ES module, the URL of the file running.
/* global require, __filename */
/* eslint-disable @typescript-eslint/no-require-imports */
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
