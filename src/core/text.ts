// Free text to terms: case-folded words of Unicode letters (å, ä, ö, æ, ø, é stay whole),
// stop words of English, Swedish, Danish, Norwegian, German and French left out, and the
// two-word phrases of neighbouring kept words.

import { dan, deu, eng, fra, nob, swe } from 'stopword';

/** Words the lists miss that carry nothing in survey comments (contractions, pronouns, fillers). */
const EXTRA_STOP_WORDS = [
  "i'm", "it's", "don't", "didn't", "doesn't", "can't", "won't", "isn't", "wasn't", "i've", "i'd", "i'll", "you're", "that's", "there's",
  'she', 'its', 'will', 'just', 'so', 'us', 'also', 'really', 'bit', 'lot', 'etc', 'ok', 'okay', 'one', 'even', 'yet', 'every', 'again', 'always',
  'är', 'det', 'som', 'har', 'inte', 'mycket', 'lite', 'bara', 'kan', 'var', 'blev', 'ni', 'er', 'vi',
  'ikke', 'meget', 'lidt', 'jeg', 'har', 'var', 'veldig', 'litt',
];

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...eng, ...swe, ...dan, ...nob, ...deu, ...fra, ...EXTRA_STOP_WORDS].map((word) => word.toLowerCase()),
);

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

/** The words of a text, case-folded, in order, stop words included; ’ inside a word becomes '. */
export function words(text: string): string[] {
  // ’ is replaced before the words are found, not in each word: a word may hold either, and outside words both are dropped.
  return text.normalize('NFC').toLowerCase().replace(/\u2019/g, "'").match(WORD) ?? [];
}

const NUMBER = /^\p{N}+$/u;

/** A word worth counting: not a stop word, not a number, at least two characters. */
export function isContentWord(word: string): boolean {
  if (word.length < 2 || STOP_WORDS.has(word)) return false;
  // A word that starts with a letter a–z is no number: the test of every character is spared.
  const first = word.charCodeAt(0);
  return (first >= 97 && first <= 122) || !NUMBER.test(word);
}

/**
 * The distinct terms of a comment: its content words, and the two-word phrases of content
 * words that stand next to each other. A comment counts once per term.
 */
export function terms(text: string): Set<string> {
  const found = new Set<string>();
  const list = words(text);
  list.forEach((word, i) => {
    if (!isContentWord(word)) return;
    found.add(word);
    const next = list[i + 1];
    if (next !== undefined && isContentWord(next)) found.add(`${word} ${next}`);
  });
  return found;
}

/**
 * Whether a keyword or phrase occurs in a text: whole words, case-folded; a trailing * matches
 * any ending ("deliver*" matches "delivery", "delivered").
 */
export function mentions(text: string, keyword: string): boolean {
  const needle = words(keyword.replace(/\*$/, ''));
  if (needle.length === 0) return false;
  const prefix = keyword.trim().endsWith('*');
  const hay = words(text);
  for (let i = 0; i + needle.length <= hay.length; i++) {
    const match = needle.every((w, k) => (prefix && k === needle.length - 1 ? (hay[i + k] ?? '').startsWith(w) : hay[i + k] === w));
    if (match) return true;
  }
  return false;
}
