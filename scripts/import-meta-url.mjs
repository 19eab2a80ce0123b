// Injected into the CommonJS bundles by scripts/build.mjs, where require and __filename exist:
// import.meta.url becomes importMeta.url, the URL of the file running, as in an ES module. A
// getter, so that node:url is not asked at start-up by a run that never needs the URL.
/* global require, __filename */
/* eslint-disable @typescript-eslint/no-require-imports */
export const importMeta = {
  get url() {
    return require('node:url').pathToFileURL(__filename).href;
  },
};
