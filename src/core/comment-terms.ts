// What the comments of each NPS class say, counted comment by comment: per class the answers,
// those with a comment, how many comments hold each term, and a term's first examples; per
// theme the scores of the comments that mention it. Counts of consecutive parts of a file add
// up (absorb, in file order) to the count of the whole, example for example: a term's first
// examples in the file are among the first of the part they come from.

import { classify, type NpsClass } from './classify.js';
import { Tally, type TallyData } from './tally.js';
import { mentions, terms } from './text.js';

export const CLASSES: readonly NpsClass[] = ['detractor', 'passive', 'promoter'];
/** Examples kept per term, and their length at most (longer ones cut, with an ellipsis). */
export const EXAMPLES = 3;
export const EXAMPLE_LENGTH = 200;
/** Blank-like answers that are not comments. */
const NO_COMMENT = new Set(['', 'na', 'n/a', '-', '.', 'none', 'no comment', 'nothing']);

/** One term of a class: the comments that hold it, and its first EXAMPLES distinct comments (as shown). */
export interface TermText {
  count: number;
  examples: string[];
}

export interface ClassText {
  responses: number;
  withComment: number;
  /** Per term, in the order terms were first met (one entry per term: one lookup an occurrence). */
  terms: Map<string, TermText>;
}

/** Plain data, to send between threads. */
export interface CommentTermsData {
  classes: ClassText[];
  all: TallyData;
  themes: TallyData[];
}

const classText = (): ClassText => ({ responses: 0, withComment: 0, terms: new Map() });

/** Distinct comments whose reading is kept, at most, and their length at most. */
const SAYINGS_KEPT = 10_000;
const SAYING_LENGTH = 200;

/** What a comment says: its terms, and the themes it mentions (their places). */
interface Saying {
  terms: string[];
  themes: number[];
}

export class CommentTerms {
  /** In the order of CLASSES. */
  readonly classes: ClassText[] = CLASSES.map(classText);
  /** Every answer heard, and per theme those whose comment mentions it. */
  readonly all = new Tally();
  readonly themes: Tally[];
  /**
   * Each short comment's reading, worked out once: answers repeat short comments ("Good", "Great
   * service"; three in four comments of a public export of 14,000 are one met before).
   */
  private readonly sayings = new Map<string, Saying>();

  /** `themes`: each theme's keywords, in the themes' order. */
  constructor(private readonly keywords: readonly (readonly string[])[]) {
    this.themes = keywords.map(() => new Tally());
  }

  of(kind: NpsClass): ClassText {
    return this.classes[CLASSES.indexOf(kind)] as ClassText;
  }

  /** One answer and its comment (the cell as text). */
  add(score: number, text: string): void {
    const entry = this.of(classify(score));
    entry.responses++;
    this.all.add(score);
    if (NO_COMMENT.has(text.toLowerCase())) return;
    entry.withComment++;
    const example = text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH - 1)}…` : text;
    const saying = this.sayingOf(text);
    for (const term of saying.terms) {
      const known = entry.terms.get(term);
      if (known === undefined) entry.terms.set(term, { count: 1, examples: [example] });
      else {
        known.count++;
        keepExample(known.examples, example);
      }
    }
    for (const theme of saying.themes) this.themes[theme]?.add(score);
  }

  private sayingOf(text: string): Saying {
    let saying = this.sayings.get(text);
    if (saying === undefined) {
      const themes: number[] = [];
      this.keywords.forEach((keywords, theme) => {
        if (keywords.some((keyword) => mentions(text, keyword))) themes.push(theme);
      });
      saying = { terms: [...terms(text)], themes };
      if (text.length <= SAYING_LENGTH && this.sayings.size < SAYINGS_KEPT) this.sayings.set(text, saying);
    }
    return saying;
  }

  data(): CommentTermsData {
    return { classes: this.classes, all: this.all.data(), themes: this.themes.map((tally) => tally.data()) };
  }

  /** Adds the count of the next part of the file. */
  absorb(part: CommentTermsData): void {
    part.classes.forEach((theirs, i) => {
      const mine = this.classes[i] as ClassText;
      mine.responses += theirs.responses;
      mine.withComment += theirs.withComment;
      for (const [term, { count, examples }] of theirs.terms) {
        const known = mine.terms.get(term);
        if (known === undefined) mine.terms.set(term, { count, examples: [...examples] });
        else {
          known.count += count;
          for (const example of examples) keepExample(known.examples, example);
        }
      }
    });
    this.all.merge(Tally.fromData(part.all));
    part.themes.forEach((theirs, theme) => this.themes[theme]?.merge(Tally.fromData(theirs)));
  }
}

/** `example` kept when there are fewer than EXAMPLES and not this one. */
function keepExample(kept: string[], example: string): void {
  if (kept.length < EXAMPLES && !kept.includes(example)) kept.push(example);
}
