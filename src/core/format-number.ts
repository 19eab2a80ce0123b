// Numbers as people read them in tables; JSON and CSV keep the unrounded values.

export function oneDecimal(value: number | null): string {
  if (value === null) return '–';
  // Half away from zero, so +x and −x show the same digits.
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
  return (Object.is(rounded, -0) ? 0 : rounded).toFixed(1);
}

export function signedOneDecimal(value: number | null): string {
  if (value === null) return '–';
  const text = oneDecimal(value);
  return value > 0 && text !== '0.0' ? `+${text}` : text;
}

/** A count with thousands separators, as tables show it (10,000,000); a weighted count keeps its decimals. */
export function countText(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function percent(value: number | null): string {
  return value === null ? '–' : `${oneDecimal(value)}%`;
}

/** A metric's headline as shown: NPS signed (+42.0), a CSAT share as a percentage, a CES mean with two decimals. */
export function headlineText(metric: 'nps' | 'csat' | 'ces', value: number | null): string {
  if (metric === 'nps') return signedOneDecimal(value);
  if (metric === 'csat') return percent(value);
  return value === null ? '–' : value.toFixed(2);
}

/** A difference in a metric's headline: NPS and CSAT in points, a CES mean in scale points. */
export function differenceText(metric: 'nps' | 'csat' | 'ces', value: number | null): string {
  if (value === null) return '–';
  if (metric !== 'ces') return signedOneDecimal(value);
  const text = value.toFixed(2);
  return value > 0 && text !== '0.00' ? `+${text}` : text;
}
