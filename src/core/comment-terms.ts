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

export interface ClassText {
  responses: number;
  withComment: number;
  /** Per term, the comments that hold it (in the order terms were first met). */
  counts: Map<string, number>;
  /** Per term, its first EXAMPLES distinct comments (as shown). */
  examples: Map<string, string[]>;
}

/** Plain data, to send between threads. */
export interface CommentTermsData {
  classes: ClassText[];
  all: TallyData;
  themes: TallyData[];
}

const classText = (): ClassText => ({ responses: 0, withComment: 0, counts: new Map(), examples: new Map() });

export class CommentTerms {
  /** In the order of CLASSES. */
  readonly classes: ClassText[] = CLASSES.map(classText);
  /** Every answer heard, and per theme those whose comment mentions it. */
  readonly all = new Tally();
  readonly themes: Tally[];

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
    for (const term of terms(text)) {
      entry.counts.set(term, (entry.counts.get(term) ?? 0) + 1);
      keepExample(entry.examples, term, example);
    }
    this.keywords.forEach((keywords, theme) => {
      if (keywords.some((keyword) => mentions(text, keyword))) this.themes[theme]?.add(score);
    });
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
      for (const [term, count] of theirs.counts) mine.counts.set(term, (mine.counts.get(term) ?? 0) + count);
      for (const [term, examples] of theirs.examples) for (const example of examples) keepExample(mine.examples, term, example);
    });
    this.all.merge(Tally.fromData(part.all));
    part.themes.forEach((theirs, theme) => this.themes[theme]?.merge(Tally.fromData(theirs)));
  }
}

/** `example` kept for `term` when it has fewer than EXAMPLES and not this one. */
function keepExample(examples: Map<string, string[]>, term: string, example: string): void {
  const kept = examples.get(term);
  if (kept === undefined) examples.set(term, [example]);
  else if (kept.length < EXAMPLES && !kept.includes(example)) kept.push(example);
}
