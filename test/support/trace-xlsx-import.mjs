// Loaded with `node --import`: reports on stderr when the SheetJS module is loaded, by import
// (an ES module loader hook) or by require (the bundle, dist/nps.cjs), so a test can prove it
// is loaded only for spreadsheet input.
import Module, { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes('/node_modules/xlsx/')) process.stderr.write('TRACE sheetjs loaded\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'xlsx') process.stderr.write('TRACE sheetjs loaded\n');
  return load.call(this, request, ...rest);
};
