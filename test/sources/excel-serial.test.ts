// A workbook's date cell (a serial with a date style) becomes ISO text by our own arithmetic
// (spreadsheet.ts, excelSerialText), each whole day's text kept once worked out. Checked against
// SheetJS's own number formatting (SSF), a different implementation, in both date systems.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { excelSerialText } from '../../src/sources/spreadsheet.js';
import { seededRandom } from '../support/random.js';

/**
 * SheetJS's text of a serial: the date alone for a whole serial, else date and time, the time of
 * day rounded to the nearest second first (our rule; SheetJS's own rounding of half a second
 * differs). The 1904 system's serial is the 1900 system's less 1,462 days (1904-01-01 is 1,462 in 1900's).
 */
const sheetJsText = (serial: number, date1904: boolean): string => {
  const rounded = Math.floor(serial) + Math.round((serial - Math.floor(serial)) * 86400) / 86400;
  return XLSX.SSF.format(Number.isInteger(serial) ? 'yyyy-mm-dd' : 'yyyy-mm-dd"T"hh:mm:ss', date1904 ? rounded + 1462 : rounded);
};

describe('excelSerialText', () => {
  it('random serials of 1900-03-01 … 9999-12-30, both date systems in turn: what SheetJS writes', () => {
    const random = seededRandom(13);
    for (let i = 0; i < 20_000; i++) {
      const whole = 61 + Math.floor(random() * (2958464 - 61));
      // Whole days, whole seconds, and fractions that round to the next second or day.
      const kind = i % 4;
      const serial = kind === 0 ? whole : kind === 1 ? whole + Math.floor(random() * 86400) / 86400 : kind === 2 ? whole + random() : whole + 1 - random() * 1e-6;
      // The 1904 system counts from 1904-01-01: the same serial is another day, never the 1900 system's text kept.
      for (const date1904 of [false, true]) {
        if (date1904 && whole > 2958465 - 1462) continue;
        expect(excelSerialText(serial, date1904), `${serial} ${date1904}`).toBe(sheetJsText(serial, date1904));
      }
    }
  });

  it('the days before 1900-03-01, and what is no date', () => {
    expect(excelSerialText(1, false)).toBe('1900-01-01');
    expect(excelSerialText(59.5, false)).toBe('1900-02-28T12:00:00');
    // Serial 60 is Lotus's 1900-02-29, a day that never was.
    expect(excelSerialText(60, false)).toBeNull();
    expect(excelSerialText(60.25, false)).toBeNull();
    expect(excelSerialText(0, false)).toBeNull();
    expect(excelSerialText(0, true)).toBe('1904-01-01');
    expect(excelSerialText(0.75, true)).toBe('1904-01-01T18:00:00');
    for (const serial of [-1, Number.NaN, Infinity, 2958466, 1e9]) expect(excelSerialText(serial, false)).toBeNull();
    // After what is no date, and in the other system, a day's text is still its own.
    expect(excelSerialText(45740.65047453703, false)).toBe('2025-03-24T15:36:41');
    expect(excelSerialText(45740.65047453703, true)).toBe('2029-03-25T15:36:41');
  });

  it('more days than it keeps: still the same texts', () => {
    const random = seededRandom(14);
    for (let i = 0; i < 250_000; i++) {
      const serial = 61 + i * 11 + Math.floor(random() * 86400) / 86400;
      const text = excelSerialText(serial, false);
      if (i % 1000 === 0) expect(text, String(serial)).toBe(sheetJsText(serial, false));
    }
    expect(excelSerialText(45740.5, false)).toBe('2025-03-24T12:00:00');
  });
});
