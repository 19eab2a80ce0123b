// The build: esbuild bundles the CLI into dist/nps.cjs, one CommonJS file, and the counting
// worker into dist/count-worker.cjs. Why a bundle: Node resolves and loads each ES module on its
// own, and the CLI is dozens of them plus commander's and zod's files; one CommonJS file
// also lets bin/nps.cjs keep V8's code cache (see there). Type checking is tsc's job
// (`npm run typecheck`); esbuild only strips the types.
import { build } from 'esbuild';
import { copyFile, readFile, rm } from 'node:fs/promises';

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  // Short names: a smaller bundle and code cache, started sooner (BENCHMARKS.md). Nothing reads
  // a function's or class's name; --debug maps stack traces back to src/ names (source map).
  minifyIdentifiers: true,
  // SheetJS (spreadsheets) and the stop-word lists (`nps comments`) are large and seldom needed:
  // they stay in node_modules and load when used.
  external: ['xlsx', 'stopword'],
  // The scanner's WebAssembly (src/sources/csv-structural.wasm), inlined as its bytes.
  loader: { '.wasm': 'binary' },
};

/**
 * commander loads node:child_process at start-up for subcommands run as separate programs,
 * which nps has none of; that load is a share of start-up. Here it is loaded on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * A script compiled with V8's code cache (bin/nps.cjs) has no module loader for import(): an
 * import() of a package outside the bundle (SheetJS) or of a Node module becomes a require() on
 * first use, which loads it just as late.
 */
const dynamicImportsRequire = {
  name: 'dynamic-imports-require',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const outside = args.path.startsWith('node:') || shared.external.includes(args.path);
      if (!outside) return undefined;
      if (args.kind === 'dynamic-import') return { path: args.path, namespace: 'required' };
      return { path: args.path, external: true };
    });
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

await rm('dist', { recursive: true, force: true });
/**
 * Both bundles are CommonJS; the sources are ES modules: import.meta.url becomes the bundle's own
 * URL. The package's version is built in (src/cli.ts), sparing a run the lookup of package.json.
 */
const { version } = JSON.parse(await readFile('package.json', 'utf8'));
const commonJs = {
  ...shared,
  format: 'cjs',
  define: { 'import.meta.url': 'importMeta.url', NPS_VERSION: JSON.stringify(version) },
  inject: ['scripts/import-meta-url.mjs'],
};
await build({ ...commonJs, entryPoints: ['src/main.ts'], outfile: 'dist/nps.cjs', plugins: [lazyChildProcess, dynamicImportsRequire] });
// Workers are started from a file URL next to the bundle (src/parallel/count-csv.ts). CommonJS
// too: a thread starts sooner without the ES module loader.
await build({ ...commonJs, entryPoints: ['src/parallel/count-worker.ts'], outfile: 'dist/count-worker.cjs', plugins: [dynamicImportsRequire] });
// The thread that reads a large XLSX sheet (src/sources/xlsx-thread.ts).
await build({ ...commonJs, entryPoints: ['src/sources/xlsx-worker.ts'], outfile: 'dist/xlsx-worker.cjs', plugins: [dynamicImportsRequire] });

// The launcher bin/nps.cjs hands over to, beside the bundle it runs (plain CommonJS, not bundled).
await copyFile('src/launch.cjs', 'dist/launch.cjs');

// dist/launch.cjs reads the bundle as latin1, faster than as UTF-8, so the bundle must be ASCII.
// esbuild escapes strings but leaves regular expression literals as written: write \u2013 in a
// regular expression, not the dash itself.
{
  const bytes = await readFile('dist/nps.cjs');
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at >= 0) {
    throw new Error(`dist/nps.cjs is not ASCII at byte ${at}: …${bytes.subarray(Math.max(0, at - 60), at + 20).toString()}…; write a \\u escape in the source instead`);
  }
}
