import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../src/mapping/layout.js';
import type { RawRow } from '../../src/sources/types.js';

const records = (...rows: string[][]): RawRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('detectLayout', () => {
  it('a plain export: one header row, data from row 2', () => {
    const { layout, dataStart } = detectLayout(records(['id', 'score'], ['1', '9']));
    expect(layout).toMatchObject({ vendor: 'plain', headerRows: [1], titleRows: [] });
    expect(dataStart).toBe(1);
  });

  it('title and blank rows above the header are not the header', () => {
    const { layout, dataStart } = detectLayout(
      records(['Customer survey', '', '', ''], ['Exported 2025-10-01', '', '', ''], ['', '', '', ''], ['id', 'channel', 'NPS', 'comment'], ['1', 'web', '10', 'ok']),
    );
    expect(layout.headerRows).toEqual([4]);
    expect(layout.titleRows).toEqual([1, 2, 3]);
    expect(layout.columns.map((c) => c.name)).toEqual(['id', 'channel', 'NPS', 'comment']);
    expect(dataStart).toBe(4);
  });

  it('a two-column file is not mistaken for a title', () => {
    expect(detectLayout(records(['id', 'score'], ['1', '9'], ['2', '10'])).layout.headerRows).toEqual([1]);
    expect(detectLayout(records(['score'], ['9'])).layout.headerRows).toEqual([1]);
  });

  it('Qualtrics: ids, question texts and ImportId rows are headers', () => {
    const { layout, dataStart } = detectLayout(
      records(
        ['ResponseId', 'Q1', 'Q1_NPS_GROUP'],
        ['Response ID', 'How likely are you to recommend us?', 'How likely are you to recommend us? - Group'],
        ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID1_NPS_GROUP"}'],
        ['R_1', '9', '3'],
      ),
    );
    expect(layout.vendor).toBe('qualtrics');
    expect(layout.headerRows).toEqual([1, 2, 3]);
    expect(layout.columns[1]).toEqual({ index: 1, name: 'Q1', question: 'How likely are you to recommend us?' });
    expect(dataStart).toBe(3);
  });

  it('legacy Qualtrics: V ids take their names from the second row', () => {
    const { layout, dataStart } = detectLayout(
      records(['V1', 'V2', 'Q1', ''], ['ResponseID', 'ResponseSet', 'How likely…recommend?', ''], ['R_1', 'Default', '9', '']),
    );
    expect(layout.vendor).toBe('qualtrics-legacy');
    expect(layout.columns.map((c) => c.name)).toEqual(['ResponseID', 'ResponseSet', 'Q1', '']);
    expect(dataStart).toBe(2);
  });

  it('SurveyMonkey: a question spanning columns names each choice', () => {
    const { layout, dataStart } = detectLayout(
      records(
        ['Respondent ID', 'How likely…recommend?', 'Which products?', '', ''],
        ['', 'Response', 'Product A', 'Product B', 'Other (please specify)'],
        ['114', '10', 'Product A', '', ''],
      ),
    );
    expect(layout.vendor).toBe('surveymonkey');
    expect(layout.columns.map((c) => c.name)).toEqual([
      'Respondent ID', 'How likely…recommend?', 'Which products?', 'Which products? - Product B', 'Which products? - Other (please specify)',
    ]);
    expect(dataStart).toBe(2);
  });

  it('--header-row chooses the header', () => {
    const { layout, dataStart } = detectLayout(records(['a', 'b'], ['id', 'score'], ['1', '9']), 2);
    expect(layout.headerRows).toEqual([2]);
    expect(layout.columns.map((c) => c.name)).toEqual(['id', 'score']);
    expect(dataStart).toBe(2);
  });
});
