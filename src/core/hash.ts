// FNV-1a, over bytes, integers or a string's UTF-16 units: one function per array type, as one
// for all would make its element loads polymorphic, and it runs once or twice for every row
// counted. Over ASCII, the bytes and the units hash alike.

/** FNV-1a over bytes[start … end). */
export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

/** FNV-1a over integers[start … end). */
export function fnv1aIntegers(integers: Int32Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (integers[i] as number), 0x01000193);
  return hash >>> 0;
}

/** FNV-1a over the UTF-16 units of `text`. */
export function fnv1aUnits(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A hash's bits mixed (murmur3's finaliser), so that hashes of close keys spread over every bit. */
export function mixed(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
