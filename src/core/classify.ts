// Respondent classes on the 0–10 scale: the one definition every command shares.

export type NpsClass = 'promoter' | 'passive' | 'detractor';

/** 9–10 promoter, 7–8 passive, 0–6 detractor. `score` must be an integer 0–10. */
export function classify(score: number): NpsClass {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export function isScore(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 10;
}
