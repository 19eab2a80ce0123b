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

export function percent(value: number | null): string {
  return value === null ? '–' : `${oneDecimal(value)}%`;
}
