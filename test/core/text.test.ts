import { describe, expect, it } from 'vitest';
import { ratingShape, readLikert, readRating } from '../../src/mapping/rating-value.js';
import { isContentWord, mentions, STOP_WORDS, terms, words } from '../../src/core/text.js';
import { seededRandom } from '../support/random.js';

describe('words and terms', () => {
  it('case-folds and keeps å ä ö æ ø é whole', () => {
    expect(words('Lång KÖ på Næstved, très élevé! Don’t')).toEqual(['lång', 'kö', 'på', 'næstved', 'très', 'élevé', "don't"]);
  });

  it.each([['the'], ['och'], ['det'], ['og'], ['ikke'], ['und'], ['les'], ['12'], ['a']])('%j is not a content word', (word) => {
    expect(isContentWord(word)).toBe(false);
  });

  it('terms: content words and two-word phrases of neighbours, once per comment', () => {
    expect([...terms('The queue, the long queue and the service')]).toEqual(['queue', 'long', 'long queue', 'service']);
    expect([...terms('Lång kö och dålig service')]).toEqual(['lång', 'lång kö', 'kö', 'dålig', 'dålig service', 'service']);
  });

  it('mentions: whole words and phrases, a trailing * for any ending', () => {
    expect(mentions('We waited for ages', 'wait*')).toBe(true);
    expect(mentions('Great delivery', 'deliver')).toBe(false);
    expect(mentions('Great delivery', 'deliver*')).toBe(true);
    expect(mentions('Waiting time was long', 'waiting time')).toBe(true);
    expect(mentions('The time spent waiting', 'waiting time')).toBe(false);
  });
});

describe('ratings', () => {
  it.each([
    ['Strongly Agree', 5], ['strongly disagree ', 1], ['Neither Agree nor Disagree', 3], ['Agree.', 4],
    ['Very satisfied', 5], ['Dissatisfied', 2], ['All of the time', 5], ['Rarely', 2], ['Maybe', null],
  ])('%j → %s', (text, value) => {
    expect(readLikert(text)).toBe(value);
  });

  it('numbers on their scale', () => {
    expect(readRating('4', 5, false)).toBe(4);
    expect(readRating('6', 5, false)).toBeNull();
    expect(readRating('0', 7, false)).toBeNull();
    expect(readRating('Agree', 5, true)).toBe(4);
  });

  it.each([
    [['1', '2', '3', '4', '5'], { scale: 5, likert: false }],
    [['1', '7', '3', '2'], { scale: 7, likert: false }],
    [['10', '3', '1', '8'], { scale: 10, likert: false }],
    [['Agree', 'Strongly Agree', 'Disagree', 'Agree'], { scale: 5, likert: true }],
    [['1', '2', '1', '2'], null], // two values: a flag, not a rating
    [['4', '11', '12', '2'], null],
    [['web', 'phone', 'web'], null],
  ])('%j → %j', (values, shape) => {
    expect(ratingShape(values)).toEqual(shape);
  });
});

describe('words and isContentWord against their first, plain definitions', () => {
  // As first written: ’ replaced in each word found; every word's characters tested for a number.
  const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;
  const plainWords = (text: string): string[] => (text.normalize('NFC').toLowerCase().match(WORD) ?? []).map((word) => word.replace(/\u2019/g, "'"));
  const plainContent = (word: string): boolean => word.length >= 2 && !STOP_WORDS.has(word) && !/^\p{N}+$/u.test(word);

  it('give the same on 5,000 random texts of letters, digits of several scripts, apostrophes and stop words', () => {
    const random = seededRandom(17);
    // Letters (Latin, Nordic, Greek, CJK), digits (ASCII, Arabic-Indic, fullwidth, superscript, a Roman numeral), apostrophes, decomposed é, spaces and punctuation.
    const pieces = ['a', 'Z', 'å', 'Ö', 'é', 'e\u0301', 'Σ', '語', '7', '٣', '３', '²', 'Ⅻ', "'", '\u2019', ' ', ' ', ',', '!', '-', 'the', 'och', 'Don', 'x2', '12'];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(random() * 14) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const found = words(text);
      expect(found, JSON.stringify(text)).toEqual(plainWords(text));
      for (const word of found) expect(isContentWord(word), JSON.stringify(word)).toBe(plainContent(word));
    }
  });
});
