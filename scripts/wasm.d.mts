// Types of scripts/structural-wasm.mjs, for the test that checks the committed binary.
export function assembleStructural(): Promise<string>;
export function structuralModuleText(base64: string): string;
export function writeStructuralModule(): Promise<void>;
