// A .wasm file imported is its bytes: esbuild's binary loader in the build, the plugin in vitest.config.ts in tests.
declare module '*.wasm' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
