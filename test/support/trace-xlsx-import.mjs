// Loaded with `node --import`: reports on stderr when the SheetJS module is resolved, so a
// test can prove it is loaded only for spreadsheet input.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes('/node_modules/xlsx/')) process.stderr.write('TRACE sheetjs loaded\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
