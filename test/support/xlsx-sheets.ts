// Random XLSX sheets as real and hostile sheets hold them, and a reference reader of a sheet's
// rows by plain string search of its whole text (the streaming reader's rules written the simple
// way): for the differential tests of the streaming reader (test/sources/xlsx-rows.test.ts,
// xlsx-thread.test.ts).

import { excelSerialText } from '../../src/sources/spreadsheet.js';
import type { RawRow } from '../../src/sources/types.js';
import { zip } from './zip.js';

const UNREAD = '\u0001';
const SHARED = ['alpha', 'béta', '漢字', 'x &amp; y', ' padded ', ''];
/** styles.xml below: xf 1 is a date (numFmtId 14), xf 2 a number (numFmtId 2). */
const DATE_STYLES = [false, true, false];

// ---- the reference: the whole text, by string search ----

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (text: string): string =>
  text.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex?: string, dec?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (NAMED[name ?? ''] ?? ''),
  );

/** An attribute's value: its first name=" after XML white space (or first), up to the next quote. */
function attr(text: string, name: string): string | undefined {
  return new RegExp(`(?:^|[ \\t\\r\\n])${name}="([^"]*)"`).exec(text)?.[1];
}

function cellText(type: string | undefined, style: number, inner: string, bad: { count: number }): string {
  if (type === 'inlineStr') {
    const is = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '';
    return [...is.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)].map((m) => unescape(m[1] ?? '')).join('');
  }
  const v = inner.indexOf('<v>');
  const value = v < 0 ? undefined : inner.slice(v + 3, inner.indexOf('</v>', v));
  if (type === 's') {
    const shared = value !== undefined && /^\s*\d+\s*$/.test(value) ? SHARED[Number(value)] : undefined;
    const text = shared === undefined ? undefined : unescape(shared);
    if (text !== undefined) return text;
    bad.count++;
    return `#N/A (shared string ${value ?? ''} missing)`;
  }
  if (type === 'str' || type === 'e' || type === 'd') return unescape(value ?? '');
  if (type === 'b') return value === undefined ? '' : value === '1' ? 'TRUE' : 'FALSE';
  if (value === undefined || value === '') return '';
  const number = Number(value);
  return (DATE_STYLES[style] ? excelSerialText(number, false) : null) ?? String(number);
}

export function referenceRows(xml: string, wanted: boolean[] | null): { rows: RawRow[]; misnumbered: number; bad: number } {
  const rows: RawRow[] = [];
  const bad = { count: 0 };
  let misnumbered = 0;
  let rowNumber = 0;
  let pos = 0;
  const last = wanted === null ? Infinity : wanted.lastIndexOf(true);
  for (;;) {
    let at = xml.indexOf('<row', pos);
    while (at >= 0 && !' >/\t\n\r'.includes(xml.charAt(at + 4) || 'x')) at = xml.indexOf('<row', at + 4);
    if (at < 0) break;
    const close = xml.indexOf('>', at);
    if (close < 0) break;
    const selfClosing = xml[close - 1] === '/';
    let content = '';
    if (selfClosing) pos = close + 1;
    else {
      const end = xml.indexOf('</row>', close);
      if (end < 0) break;
      content = xml.slice(close + 1, end);
      pos = end + 6;
    }
    const r = attr(xml.slice(at + 4, selfClosing ? close - 1 : close), 'r');
    const given = r !== undefined && /^\d+$/.test(r) ? Number(r) : NaN;
    if (given > rowNumber && given <= 1048576) rowNumber = given;
    else {
      rowNumber++;
      if (r !== undefined) misnumbered++;
    }
    const cells: string[] = [];
    let column = -1;
    let beyond = false;
    for (let c = content.indexOf('<c'); c >= 0; ) {
      if (!' >/'.includes(content.charAt(c + 2) || 'x')) {
        c = content.indexOf('<c', c + 2);
        continue;
      }
      const tagEnd = content.indexOf('>', c);
      if (tagEnd < 0) break;
      const blank = content[tagEnd - 1] === '/';
      const end = blank ? tagEnd : content.indexOf('</c>', tagEnd);
      if (end < 0) break;
      const attributes = content.slice(c + 2, blank ? tagEnd - 1 : tagEnd);
      const ref = attr(attributes, 'r');
      column = ref ? (/^[A-Z]*/.exec(ref)?.[0] ?? '').split('').reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1 : column + 1;
      const inner = content.slice(tagEnd + 1, end);
      if (!blank && (inner.includes('<v') || inner.includes('<is'))) {
        if (column > last) beyond = true;
        else {
          while (cells.length < column) cells.push('');
          cells[column] = wanted !== null && !wanted[column] ? UNREAD : cellText(attr(attributes, 't'), Number(attr(attributes, 's') ?? 0), inner, bad);
        }
      }
      c = content.indexOf('<c', blank ? tagEnd : end + 4);
    }
    if (beyond || cells.some((cell) => cell.trim() !== '')) rows.push({ row: rowNumber, cells });
  }
  return { rows, misnumbered, bad: bad.count };
}

// ---- random sheets ----

/** A random sheet of `rows` rows (else 5 to 124). */
export function randomSheet(random: () => number, rows?: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const space = (): string => pick([' ', ' ', ' ', '  ', '\t', '\n', '\r\n']);
  const chance = (p: number): boolean => random() < p;
  const texts = ['web', 'phone', 'café', '漢字 ok', '😀 great', 'a &amp; b', '&lt;tag&gt;', '&#233;t&#xE9;', '  ', '', 'Quoted, "with" comma', 'x'.repeat(300)];
  const between = ['', '', '', '\n', '  ', '<!-- note -->', '<rows>decoy</rows>', '<rowBreaks/>'];
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  const count = rows ?? 5 + Math.floor(random() * 120);
  for (let i = 1; i <= count; i++) {
    parts.push(pick(between));
    const number = chance(0.85) ? String(i) : pick(['', '0', 'x', '007', String(i - 1), '2000000', String(i + 3), `0000000000${i}`, '99999999999']);
    const rowAttributes = [...(chance(0.92) ? [`r="${number}"`] : []), ...(chance(0.3) ? ['spans="1:9"'] : []), ...(chance(0.2) ? ['x14ac:dyDescent="0.25"'] : []), ...(chance(0.1) ? ['xr="9"'] : [])];
    if (chance(0.3)) rowAttributes.reverse();
    const tag = `<row${rowAttributes.map((a) => space() + a).join('')}${chance(0.1) ? space() : ''}`;
    if (chance(0.05)) {
      parts.push(`${tag}/>`);
      continue;
    }
    parts.push(`${tag}>`);
    let letter = 0;
    const cellCount = Math.floor(random() * 9);
    for (let c = 0; c < cellCount; c++) {
      letter += chance(0.8) ? 1 : chance(0.5) ? 2 : chance(0.5) ? 0 : -1;
      const column = String.fromCharCode(64 + Math.max(1, Math.min(26, letter)));
      const ref = chance(0.88) ? `${column}${number}` : pick(['', 'a1', '12', `${column}${column}${i}`]);
      const attributes: string[] = [];
      if (chance(0.93)) attributes.push(`r="${ref}"`);
      if (chance(0.08)) attributes.push(`xr="Q${i}"`);
      if (chance(0.08)) attributes.push(`cr="Z1" ct="s" cs="1"`);
      let inner = '';
      const kind = pick(['number', 'number', 'str', 'shared', 'inline', 'rich', 'bool', 'date', 'blank', 'empty', 'formula', 'error', 'noValue', 'badShared']);
      const styled = (style: number): void => {
        attributes.push(`s="${style}"`);
      };
      switch (kind) {
        case 'number':
          inner = `<v>${pick(['1', '10', '7', '0', '12.5', '-3', '1e3', '00012', ' 4 ', ''])}</v>`;
          if (chance(0.3)) styled(pick([0, 2]));
          break;
        case 'str':
          attributes.push('t="str"');
          inner = `<v>${pick(texts)}</v>`;
          break;
        case 'shared':
          attributes.push('t="s"');
          inner = `<v>${Math.floor(random() * SHARED.length)}</v>`;
          break;
        case 'badShared':
          attributes.push('t="s"');
          inner = `<v>${pick(['99', ' 2 ', 'x', ''])}</v>`;
          break;
        case 'inline':
          attributes.push('t="inlineStr"');
          inner = `<is><t>${pick(texts)}</t></is>`;
          break;
        case 'rich':
          attributes.push('t="inlineStr"');
          inner = `<is><r><t>${pick(texts)}</t></r><r><rPr><b/></rPr><t xml:space="preserve"> ${pick(texts)}</t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></is>`;
          break;
        case 'bool':
          attributes.push('t="b"');
          inner = `<v>${pick(['0', '1'])}</v>`;
          break;
        case 'date':
          styled(1);
          inner = `<v>${pick(['45000', '45000.5', '45740.65047453703', '1', '60', '-5', 'abc'])}</v>`;
          break;
        case 'blank':
          styled(pick([0, 1, 2]));
          break;
        case 'empty':
          inner = '';
          break;
        case 'formula':
          inner = `<f>SUM(A${i}:B${i})</f><v>${pick(['3', '9'])}</v>`;
          break;
        case 'error':
          attributes.push('t="e"');
          inner = '<v>#N/A</v>';
          break;
        case 'noValue':
          inner = '<f>NOW()</f>';
          break;
      }
      if (chance(0.3)) attributes.reverse();
      const open = `<c${attributes.map((a) => space() + a).join('')}${chance(0.05) ? space() : ''}`;
      // Hostile: ">" inside an attribute's value; "</row>" inside a value; a tag that only starts with "<c".
      if (chance(0.01)) parts.push(`<c${space()}foo="a>b" r="B${i}"><v>5</v></c>`);
      if (chance(0.01)) parts.push(`<c t="str"><v>cut</row>short</v></c>`);
      if (chance(0.02)) parts.push(`<cx r="A1"><v>1</v></cx>`);
      if (chance(0.01)) parts.push(`<c r="C${i}" foo="</row>"><v>6</v></c>`);
      if (chance(0.02)) parts.push(`<c r="D${i}"><v>1</v><v>2</v></c>`);
      if (chance(0.02)) parts.push(`<c r="E${i}" r="A${i}" s="0000000001" s="2"><v>45000</v></c>`);
      parts.push(kind === 'blank' ? `${open}/>` : `${open}>${inner}</c>`);
    }
    if (chance(0.05)) parts.push(pick(texts));
    parts.push('</row>');
  }
  // The sheet's last row: unfinished (dropped), or closing itself with a number out of order (said).
  parts.push(pick(['', '', '', '<row r="999"><c r="A999"><v>1</v></c>', '<row r="3"/>', '<row r="3" spans="1:2"/><row r="2"/>']), '</sheetData></worksheet>');
  return parts.join('');
}

const STYLES =
  '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>';
const SHARED_XML = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${SHARED.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`;

export function book(sheet: string): Buffer {
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml': SHARED_XML,
    'xl/worksheets/sheet1.xml': sheet,
  });
}

/** The count a note says (its first number matched by `pattern`), 0 without such a note. */
export const noted = (notes: string[], pattern: RegExp): number => Number(notes.map((note) => pattern.exec(note)?.[1]).find((n) => n !== undefined) ?? 0);
