import { describe, expect, it } from 'vitest';
import { detectDateColumn, detectScoreColumn, findColumn, normalizeHeader } from '../../src/mapping/detect-columns.js';
import type { Column } from '../../src/mapping/layout.js';

const cols = (...names: string[]): Column[] => names.map((name, index) => ({ index, name, question: null }));
const rows = (...columns: string[][]): string[][] =>
  Array.from({ length: Math.max(...columns.map((c) => c.length)) }, (_, i) => columns.map((c) => c[i] ?? ''));
const scores = ['10', '9', '8', '3', '10', '7', '0', '6', '9', '10', '5', '2'];

describe('detectScoreColumn', () => {
  it.each([
    ['NPS'], ['score'], ['NPS_Score'], ['LikelyToRecommend'], ['How likely are you to recommend us?'],
    ['Likelihood to recommend'], ['Hur sannolikt är det att du skulle rekommendera oss?'],
    ['Hvor sandsynligt er det, at du vil anbefale os?'], ['Hvor sannsynlig er det at du vil anbefale oss?'],
  ])('finds %j', (header) => {
    expect(detectScoreColumn(cols('id', header), rows(scores.map(String), scores), 'f.csv').name).toBe(header);
  });

  it('a "Recommend" column of Likert text loses to the 0–10 column', () => {
    const likert = scores.map(() => 'Strongly Agree');
    const choice = detectScoreColumn(cols('Recommend', 'LikelyToRecommend'), rows(likert, scores), 'f.csv');
    expect(choice.name).toBe('LikelyToRecommend');
  });

  it('a 1–3 Q1_NPS_GROUP column is never the score', () => {
    const groups = scores.map((s) => (Number(s) >= 9 ? '3' : Number(s) >= 7 ? '2' : '1'));
    expect(detectScoreColumn(cols('Q1_NPS_GROUP', 'NPS'), rows(groups, scores), 'f.csv').name).toBe('NPS');
    // Even under a name without "group", a 1–3 code is not a 0–10 answer.
    expect(() => detectScoreColumn(cols('nps_code'), rows(groups), 'f.csv')).toThrow(/no score column/);
  });

  it('a 1–43 Sales_Person id is not a score, even when named like one', () => {
    const ids = scores.map((_, i) => String(1 + ((i * 17) % 43)));
    expect(detectScoreColumn(cols('Sales_Person', 'NPS_Score'), rows(ids, scores), 'f.csv').name).toBe('NPS_Score');
    expect(() => detectScoreColumn(cols('score_agent'), rows(ids.map((n) => String(Number(n) + 10))), 'f.csv')).toThrow(/no score column/);
  });

  it('two equally good columns are an error naming both and --score', () => {
    expect(() =>
      detectScoreColumn(cols('Would recommend to work here', 'Would recommend our services'), rows(scores, scores), 'f.csv'),
    ).toThrow(/2 columns could be the score: "Would recommend to work here", "Would recommend our services"/);
  });

  it('no candidate: the error lists the columns', () => {
    expect(() => detectScoreColumn(cols('id', 'Q5'), rows(scores, scores), 'f.csv')).toThrow(/Columns: "id", "Q5"/);
  });
});

describe('detectDateColumn', () => {
  it('prefers the survey date over other dates, and full columns over sparse ones', () => {
    const created = scores.map(() => '2017-01-01T00:46:09Z');
    expect(detectDateColumn(cols('created_at', 'surveyed_at'), rows(created, created))?.name).toBe('surveyed_at');
    const sparse = scores.map((_, i) => (i % 2 ? '' : '41000'));
    const full = scores.map(() => '41000');
    expect(detectDateColumn(cols('Start_Date_1', 'End_Date_1'), rows(full, sparse))?.name).toBe('Start_Date_1');
  });

  it('a day-of-month number column is not a date', () => {
    const days = scores.map((_, i) => String(i + 1));
    expect(detectDateColumn(cols('Survey Day'), rows(days))).toBeNull();
  });
});

describe('findColumn', () => {
  it('matches exactly, then ignoring case and spaces, else lists the columns', () => {
    expect(findColumn(cols('Channel', 'score'), 'Channel', '--by', 'f.csv').index).toBe(0);
    expect(findColumn(cols('Channel', 'score'), ' channel ', '--by', 'f.csv').index).toBe(0);
    expect(() => findColumn(cols('Channel', 'score'), 'agent', '--by', 'f.csv')).toThrow(/no column "agent".*Columns: "Channel", "score"/);
  });

  it('normalizes headers for word matching', () => {
    expect(normalizeHeader('LikelyToRecommend')).toBe('likely to recommend');
    expect(normalizeHeader('NPS_Score')).toBe('nps score');
    expect(normalizeHeader('Hur troligt är det att du rekommenderar oss?')).toBe('hur troligt är det att du rekommenderar oss');
    expect(normalizeHeader('ＮＰＳ　Score')).toBe('nps score');
  });

  it('reads ASCII headers (its quick path) as the Unicode steps do', () => {
    // The steps for any text, written out here as the reference.
    const reference = (header: string) =>
      header
        .normalize('NFKC')
        .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const alphabet = 'aAzZmM09_- .\t\r\n?()/#&xYqQ';
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const header = Array.from({ length: Math.floor(random() * 16) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(normalizeHeader(header), JSON.stringify(header)).toBe(reference(header));
    }
    for (let code = 0; code < 128; code++) {
      const header = `aB${String.fromCharCode(code)}cD`;
      expect(normalizeHeader(header), JSON.stringify(header)).toBe(reference(header));
    }
  });
});
