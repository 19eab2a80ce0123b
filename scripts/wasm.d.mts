// Types of scripts/wasm.mjs, for the tests that check the committed binaries.
export function assemble(url: URL, features?: Record<string, boolean>): Promise<string>;
export const STRUCTURAL_WAT: URL;
export const CHECKSUM_WAT: URL;
export function assembleStructural(): Promise<string>;
export function structuralModuleText(base64: string): string;
export function writeStructuralModule(): Promise<void>;
export function writeChecksumIntoBin(): Promise<void>;
