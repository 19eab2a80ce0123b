// The data path shared by commands, after the survey is opened: plan (the columns, from flags
// and detection) → count (count.ts: the text path or the threads, every row read once for all
// the metrics) → finish (day order, periods, --dedupe, a rating's scale), per metric. Every row is
// either counted or skipped for a stated reason.

import { civilFromDays, daysFromCivil, periodKey, type CalendarDate, type Period } from '../core/calendar.js';
import { GroupTallies } from '../core/group-tallies.js';
import { scaleRange, type RatingScaleName } from '../core/metrics.js';
import { Tally } from '../core/tally.js';
import { decideScale, detectMetricColumn, type ScaleReason, type ValueReader } from '../mapping/metric-column.js';
import { ratingShape } from '../mapping/rating-value.js';
import type { SkipLog, SkipReason } from '../core/skips.js';
import { inputError } from '../core/errors.js';
import { readDate, resolveDate, DayOrderEvidence, type DayOrder } from '../mapping/date-value.js';
import { detectDateColumn, detectScoreColumn, findColumn, type ColumnChoice, type ScoreColumnChoice } from '../mapping/detect-columns.js';
import { dateInRange, whereColumns, type WhereClause } from '../mapping/filters.js';
import type { ColumnPlan } from '../mapping/responses.js';
import type { Scale } from '../mapping/score-value.js';
import { dayToken, type CounterSpec, type Handoff, type RowCounter, type RowIssue } from '../mapping/row-counter.js';
import type { Survey } from '../mapping/survey.js';
import { inWindow, partGatherer, type DateWindow, type GatherSink, type GatherSpec } from '../mapping/gather.js';
import { counterFor, type Counting } from './count.js';

/** What is measured: the NPS score, or a CSAT/CES rating (its column named or detected, its scale given or decided). */
export type MetricChoice = { name: 'nps' } | { name: 'csat' | 'ces'; column: string | undefined; scale: RatingScaleName | undefined };

export interface AggregateOptions {
  /** What is measured: one or more metrics, counted in one read of the rows (default: NPS). */
  metrics?: readonly MetricChoice[];
  /** The --weight column. */
  weight?: string | undefined;
  by: readonly string[];
  period: Period | undefined;
  score: string | undefined;
  date: string | undefined;
  dateFormat: DayOrder | undefined;
  strict: boolean;
  scale: Scale;
  where: readonly WhereClause[];
  since: CalendarDate | undefined;
  until: CalendarDate | undefined;
  dedupe: string | undefined;
  /** Where each column name came from, for messages: a flag, or a key of the config file. */
  sources?: Partial<Record<'score' | 'date' | 'by' | 'dedupe' | 'period' | 'weight' | 'csat' | 'ces', string>>;
  /**
   * Given the columns chosen, what to gather from every answer of the first metric that is
   * counted (after filters and --dedupe), with its row: for what a tally cannot hold (the terms
   * of comments, the rows themselves). Gathered on the threads too, part by part, into the sink
   * in file order.
   */
  gather?: ((columns: ChosenColumns) => Gathering) | undefined;
  /**
   * Given the columns chosen, more columns to tally the first metric's counted answers by, each on
   * its own (drivers' other ratings: the answers per value of a rating). Counted as the answers
   * are (the same filters, dates and --dedupe), from bytes on threads where the file allows:
   * Aggregate.crossed.
   */
  crossBy?: ((columns: ChosenColumns) => number[]) | undefined;
  /** Called after each batch of rows with the number read so far (for a progress line). */
  onBatch?: ((rowsRead: number) => void) | undefined;
}

/**
 * What to gather, the columns it reads (only those, and the ones counted, are decoded past the
 * sample; the others come as ''), and where it goes.
 */
export interface Gathering {
  what: GatherSpec['what'];
  reads: readonly number[];
  sink: GatherSink;
}

export interface ChosenColumns {
  score: number;
  dims: number[];
  date: number | null;
}

export interface Aggregate {
  /** Keyed by the values of the --by columns, then the period when there is one. */
  groups: GroupTallies;
  skips: SkipLog;
  rowsRead: number;
  scoreColumn: ScoreColumnChoice;
  dateColumn: ColumnChoice | null;
  /** The --by columns' headers exactly as in the file. */
  dimensionNames: string[];
  dayOrder: DayOrder | null;
  /** Rows with more fields than the header, and rows too short to hold the score. */
  extraFields: RowIssue;
  shortRows: RowIssue;
  /** Score cells that read 11 (and whether any read 0): the mark of a 1–11 recode. */
  elevens: number;
  zeros: number;
  /** With --dedupe: respondents who answered more than once. */
  repeatedIds: number;
  /** For a CSAT/CES rating: its scale and how it was decided. */
  ratingScale: { scale: RatingScaleName; reason: ScaleReason } | null;
  /** The --weight column. */
  weightColumn: string | null;
  /** Per column of crossBy, in its order: the counted answers keyed by that column's value (cellText). */
  crossed: GroupTallies[];
}

function tokenDate(token: string, order: DayOrder | null): CalendarDate | null {
  if (!token.startsWith('?')) return civilFromDays(Number(token));
  const [first, second, year] = token.slice(1).split('/').map(Number);
  return resolveDate({ kind: 'slash', first: first ?? 0, second: second ?? 0, year: year ?? 0, seconds: 0 }, order);
}

function decideDayOrder(evidence: DayOrderEvidence, given: DayOrder | undefined, column: string, file: string): DayOrder | null {
  if (given) return given;
  const verdict = evidence.verdict();
  if (verdict === 'mixed') {
    const a = evidence.firstOver12;
    const b = evidence.secondOver12;
    throw inputError(
      `${file}: column ${JSON.stringify(column)} has dates written day first (row ${a?.row}: ${JSON.stringify(a?.value)}) and month first (row ${b?.row}: ${JSON.stringify(b?.value)})`,
      { hint: 'Say which order is right with --date-format dmy or --date-format mdy; rows in the other order are then skipped as invalid dates.' },
    );
  }
  if (verdict === 'ambiguous') {
    throw inputError(
      `${file}: the dates in column ${JSON.stringify(column)} could be day/month/year or month/day/year (no day is over 12)`,
      { hint: 'Say which with --date-format dmy (31/12/2025) or --date-format mdy (12/31/2025).' },
    );
  }
  return verdict;
}

/** What a RowCounter counts: one measured column, read by `reader`, with the groups, date and filters given. */
export function counterSpec(
  survey: Survey,
  score: { index: number; name: string },
  reader: ValueReader,
  rest: { weight: number | null; date: ColumnChoice | null; dims: number[]; where: readonly WhereClause[]; strict: boolean; needDate: boolean; periodDays?: Period | null; dedupe?: number | null; keepCells?: boolean },
): CounterSpec {
  const plan: ColumnPlan = {
    score: score.index,
    reader,
    weight: rest.weight,
    date: rest.date ? rest.date.index : null,
    dateRequired: rest.needDate,
    dims: rest.dims,
    width: survey.columns.length,
  };
  return {
    file: survey.info.file,
    plan,
    columns: survey.columns,
    where: [...rest.where],
    strict: rest.strict,
    scoreName: score.name,
    dateName: rest.date?.name ?? null,
    needDate: rest.needDate,
    periodDays: rest.periodDays ?? null,
    dedupe: rest.dedupe ?? null,
    keepCells: rest.keepCells ?? false,
  };
}

type From = (key: 'score' | 'date' | 'by' | 'dedupe' | 'weight' | 'csat' | 'ces') => string;

/** The measured column of one metric: named by flag or config, else detected. */
function chooseScoreColumn(survey: Survey, options: AggregateOptions, metric: MetricChoice, from: From): ScoreColumnChoice {
  const file = survey.info.file;
  const columns = survey.columns;
  const sampleCells = survey.sample.map((row) => row.cells);
  if (metric.name !== 'nps') {
    const chosen = metric.column !== undefined ? findColumn(columns, metric.column, from(metric.name), file) : detectMetricColumn(metric.name, columns, sampleCells, file, -1);
    return { index: chosen.index, name: chosen.name, detected: !(metric.column !== undefined), looksOneToEleven: false };
  }
  if (options.score !== undefined) {
    const column = findColumn(columns, options.score, from('score'), file);
    return { index: column.index, name: column.name, detected: false, looksOneToEleven: false };
  }
  return detectScoreColumn(columns, sampleCells, file, options.scale);
}

/** The columns every metric shares: groups, date, --dedupe, --weight. */
function chooseSharedColumns(survey: Survey, options: AggregateOptions, from: From, needDate: boolean, wantDate: boolean) {
  const file = survey.info.file;
  const columns = survey.columns;
  const dims = options.by.map((name) => findColumn(columns, name, from('by'), file));
  let dateColumn: ColumnChoice | null = null;
  if (options.date !== undefined) {
    const column = findColumn(columns, options.date, from('date'), file);
    dateColumn = { index: column.index, name: column.name, detected: false };
  } else if (needDate || wantDate) {
    dateColumn = detectDateColumn(columns, survey.sample.map((row) => row.cells));
    if (!dateColumn && needDate) {
      const flag = options.period !== undefined ? (options.sources?.period ?? '--period') : options.since !== undefined ? '--since' : '--until';
      throw inputError(`${file}: ${flag} needs a date column, and none was found among the columns: ${columns.map((c) => JSON.stringify(c.name)).join(', ')}`, {
        hint: 'Name it with --date "<column>".',
      });
    }
  }
  const dedupe = options.dedupe === undefined ? null : findColumn(columns, options.dedupe, from('dedupe'), file).index;
  const weight = options.weight === undefined ? null : findColumn(columns, options.weight, from('weight'), file);
  return { dims, dateColumn, dedupe, weight };
}

/** A counted answer held to be gathered from once --dedupe has decided. */
interface Heard {
  row: number;
  score: number;
  cells: readonly string[];
}

/** One metric's part of the count: its column, its counter's spec, and the answers handed on. */
interface MetricCount {
  metric: MetricChoice;
  scoreColumn: ScoreColumnChoice;
  spec: CounterSpec;
  handoff: ((answer: Handoff) => boolean) | undefined;
  /** What the first metric's answers are gathered into; with --dedupe, the answers without an id, held until then. */
  gathers: Gathering | undefined;
  loose: Heard[];
}

export async function aggregate(survey: Survey, options: AggregateOptions, counting: Counting): Promise<Aggregate[]> {
  const file = survey.info.file;
  const needDate = options.period !== undefined || options.since !== undefined || options.until !== undefined;
  const from: From = (key) => options.sources?.[key] ?? `--${key}`;
  const metrics = options.metrics && options.metrics.length > 0 ? options.metrics : [{ name: 'nps' } as const];
  // Plan: the columns, each metric's first (in the order a pass per metric would find them).
  const scoreColumns = metrics.map((metric) => chooseScoreColumn(survey, options, metric, from));
  const { dims, dateColumn, dedupe, weight } = chooseSharedColumns(survey, options, from, needDate, options.dedupe !== undefined);

  const period = options.period;
  // The days matter only for their period (no --since/--until to test them against): counted by period (a day is its own).
  const periodDays = period !== undefined && period !== 'day' && options.since === undefined && options.until === undefined ? period : null;
  // A period's name made once per day of the run's one period (not once per group and day), and
  // the same text wherever it is a key.
  const periodNames = new Map<number, string>();
  const periodOf = (date: CalendarDate, period: Period): string => {
    const day = daysFromCivil(date);
    let name = periodNames.get(day);
    if (name === undefined) periodNames.set(day, (name = periodKey(date, period)));
    return name;
  };
  /** Where an answer with this date goes; a skip reason when it goes nowhere. */
  const destinationOf = (dims: readonly string[], date: CalendarDate | null): readonly string[] | 'invalidDate' | 'filtered' => {
    if (!needDate) return dims;
    if (!date) return 'invalidDate';
    if (!dateInRange(date, options.since, options.until)) return 'filtered';
    // concat makes an array of the key's own length, where a spread left room for 20 values: a
    // group's key lives as long as the report (hundreds of thousands: BENCHMARKS.md, issue 17,
    // eleventh session).
    return period === undefined ? dims : dims.concat(periodOf(date, period));
  };

  const firstColumns: ChosenColumns = { score: (scoreColumns[0] as ScoreColumnChoice).index, dims: dims.map((c) => c.index), date: dateColumn?.index ?? null };
  const gathering = options.gather?.(firstColumns);
  // Answers are gathered as they stream past, so a date filter must be decided now: the a/b/yyyy
  // order comes from the flag or the sample (the full column must then agree).
  let streamOrder: DayOrder | null = options.dateFormat ?? null;
  if (gathering && needDate && dateColumn && streamOrder === null) {
    const sampleEvidence = new DayOrderEvidence();
    for (const row of survey.sample) {
      const reading = readDate(row.cells[dateColumn.index]);
      if (reading) sampleEvidence.observe(reading, row.row, row.cells[dateColumn.index] ?? '');
    }
    streamOrder = sampleEvidence.slashDates > 0 ? decideDayOrder(sampleEvidence, undefined, dateColumn.name, file) : null;
  }
  const window: DateWindow | null = needDate ? { since: options.since, until: options.until, order: streamOrder } : null;

  const crossColumns = options.crossBy?.(firstColumns) ?? [];
  // Each metric counted by the --by columns; then the first metric once more per crossed column, by that column alone.
  const countings = [
    ...metrics.map((metric, i) => ({ metric, scoreColumn: scoreColumns[i] as ScoreColumnChoice, dims: dims.map((c) => c.index), gathers: i === 0 ? gathering : undefined })),
    ...crossColumns.map((column) => ({ metric: metrics[0] as MetricChoice, scoreColumn: scoreColumns[0] as ScoreColumnChoice, dims: [column], gathers: undefined })),
  ];
  const plans: MetricCount[] = countings.map(({ metric, scoreColumn, dims: by, gathers }) => {
    const reader: ValueReader = metric.name === 'nps' ? { kind: 'nps', scale: options.scale } : { kind: 'rating' };
    // With --dedupe, answers with a respondent id are held by the counter (RowCounter.answers), their cells too when gathered from.
    const spec = counterSpec(survey, scoreColumn, reader, { weight: weight?.index ?? null, date: dateColumn, dims: by, where: options.where, strict: options.strict, needDate, periodDays, dedupe, keepCells: gathers !== undefined });
    // With --dedupe, what is gathered is gathered once the answers kept are known (finish): those without an id wait with them.
    const loose: Heard[] = [];
    const handoff =
      dedupe === null || !gathers
        ? undefined
        : ({ row, score, date }: Handoff): boolean => {
            if (inWindow(window, date)) loose.push({ row: row.row, score, cells: row.cells });
            return false;
          };
    return { metric, scoreColumn, spec, handoff, gathers, loose };
  });

  // Count: past the sample only the columns used here are decoded, and those gathered from.
  const width = survey.columns.length;
  const used = [...(gathering?.reads ?? []), ...crossColumns, ...scoreColumns.map((c) => c.index), ...dims.map((c) => c.index), dateColumn?.index ?? null, dedupe, weight?.index ?? null, ...whereColumns(options.where, survey.columns, file)];
  const wanted = Array.from({ length: Math.max(width, ...used.map((i) => (i ?? -1) + 1)) }, (_, i) => used.includes(i));
  // Without --dedupe the answers are gathered as they are counted.
  const gather = gathering !== undefined && dedupe === null ? { spec: { what: gathering.what, window }, sink: gathering.sink } : undefined;
  const job = { specs: plans.map((p) => p.spec), handoffs: plans.map((p) => p.handoff), gather, wanted, onBatch: options.onBatch };
  const counters = await counterFor(survey, job, counting).count(survey, job);

  // Finish, per metric; the crossed counts go with the first.
  const finished = plans.map((count, i) => finish(survey, options, count, counters[i] as RowCounter, { dims, dateColumn, weight, needDate, streamOrder, destinationOf }));
  const results = finished.slice(0, metrics.length);
  (results[0] as Aggregate).crossed = finished.slice(metrics.length).map((crossed) => crossed.groups);
  return results;
}

interface Shared {
  dims: { name: string }[];
  dateColumn: ColumnChoice | null;
  weight: { name: string } | null;
  needDate: boolean;
  streamOrder: DayOrder | null;
  destinationOf: (dims: readonly string[], date: CalendarDate | null) => readonly string[] | 'invalidDate' | 'filtered';
}

/** One metric's count made whole: the day order settled, days put into periods, --dedupe decided, a rating's scale applied. */
function finish(survey: Survey, options: AggregateOptions, count: MetricCount, counter: RowCounter, shared: Shared): Aggregate {
  const file = survey.info.file;
  const { metric, scoreColumn, gathers } = count;
  const { dims, dateColumn, weight, needDate, streamOrder, destinationOf } = shared;
  const { days, skips, evidence, extraFields, shortRows, rowsRead, elevens, zeros } = counter;

  const dayOrder = dateColumn && evidence.slashDates > 0 ? decideDayOrder(evidence, options.dateFormat, dateColumn.name, file) : (options.dateFormat ?? null);
  if (gathers && needDate && evidence.slashDates > 0 && dayOrder !== streamOrder) {
    throw inputError(`${file}: the day/month order of the dates in ${JSON.stringify(dateColumn?.name)} is not settled by the first ${survey.sample.length} rows`, {
      hint: 'Say which it is with --date-format dmy or --date-format mdy.',
    });
  }
  const groups = new GroupTallies();
  const strictDate = (value: string): void => {
    if (options.strict) throw inputError(`${file}: the date ${JSON.stringify(value)} is impossible as ${dayOrder} (--strict)`);
  };

  // Where each day token goes, its date read once (a token per group and day: hundreds of
  // thousands of groups share a few thousand days): its period after the group's values ([]
  // without a period), or why it goes nowhere.
  const tokenPlaces = new Map<string, readonly string[] | 'invalidDate' | 'filtered'>();
  const placeOf = (token: string): readonly string[] | 'invalidDate' | 'filtered' => {
    let place = tokenPlaces.get(token);
    if (place === undefined) tokenPlaces.set(token, (place = destinationOf([], tokenDate(token, dayOrder))));
    return place;
  };
  // The days are spent here: their keys and tallies are this loop's.
  const spent = days.spend();
  // Where no two days' keys land on one group (each day its own period, no two tokens one date),
  // the groups are appended with no lookup: hundreds of thousands of them (BENCHMARKS.md, issue
  // 17, tenth session).
  const distinct = !needDate || (options.period !== undefined && daysApart(spent.keys, placeOf));
  for (let at = 0; at < spent.keys.length; at++) {
    const key = spent.keys[at] as string[];
    const tally = spent.tallies[at] as Tally;
    const token = needDate ? (key[key.length - 1] ?? '') : '';
    const place = needDate ? placeOf(token) : null;
    if (place === 'invalidDate') strictDate(token.slice(1));
    if (typeof place === 'string') skips.add(place, 0, token.replace(/^\?/, ''), tally.responses);
    else if (place === null || (distinct && place.length === 1)) {
      // A group of its own (no dates, so every key distinct; or a day alone in its period): its
      // key and tally become the group's, the day in its key made the period in place (no key or
      // tally copied: hundreds of thousands of groups, BENCHMARKS.md, issue 17, thirteenth session).
      if (place !== null) key[key.length - 1] = place[0] as string;
      groups.append(key, tally);
    } else {
      // The group's values, then its period if any: a key of its own length (see destinationOf).
      const target = place.length === 0 ? key.slice(0, -1) : key.slice(0, -1).concat(place);
      if (distinct) groups.append(target, tally);
      else groups.put(target, tally);
    }
  }

  // --dedupe: filters first, then the latest answer per respondent (by date and time, else the last row).
  const heard: Heard[] = count.loose;
  const targets: (readonly string[])[] = [];
  /** Each place's tally, found once (not by its key for each answer kept). */
  const tallies: Tally[] = [];
  /** Duplicates once the skip log keeps no more examples of them: told as one count (not three map updates each). */
  let duplicates = 0;
  let examplesFull = false;
  const reasons = ['invalidDate', 'filtered'] as const;
  const repeatedIds =
    counter.answers?.settle({
      // Each date is resolved once: it decides both where the answers go and how late they are.
      place: (dims, reading) => {
        const date = reading ? resolveDate(reading, dayOrder) : null;
        const target = destinationOf(dims, date);
        if (target === 'invalidDate') strictDate(reading ? dayToken(reading).slice(1) : '');
        if (typeof target === 'string') return { place: -1 - reasons.indexOf(target), day: NaN };
        targets.push(target);
        return { place: targets.length - 1, day: date ? daysFromCivil(date) : NaN };
      },
      keep: (place, row, score, weight, cells) => {
        (tallies[place] ??= groups.tallyFor(targets[place] as readonly string[])).add(score, weight);
        if (gathers && cells) heard.push({ row, score, cells });
      },
      skip: (reason, row) => skips.add(reasons[-1 - reason] as SkipReason, row, ''),
      duplicate: (row) => {
        if (!examplesFull && skips.wantsExample('duplicate')) skips.add('duplicate', row, '');
        else {
          examplesFull = true;
          duplicates++;
        }
      },
    }) ?? 0;
  if (duplicates > 0) skips.add('duplicate', 0, '', duplicates);
  // The answers kept, gathered from in file order, as without --dedupe.
  if (gathers && counter.answers !== null) gatherInOrder(heard, gathers);

  // A rating's scale, once every answer is in: values off it are invalid answers after all.
  let ratingScale: Aggregate['ratingScale'] = null;
  let finalGroups = groups;
  if (metric.name !== 'nps') {
    const all = new Tally();
    for (const { tally } of groups.entries()) all.merge(tally);
    const column = survey.columns[scoreColumn.index] ?? { index: scoreColumn.index, name: scoreColumn.name, question: null };
    const likert = ratingShape(survey.sample.map((row) => row.cells[scoreColumn.index] ?? ''))?.likert ?? false;
    ratingScale = decideScale(metric.scale, column, all.distribution, likert);
    const [low, high] = scaleRange(ratingScale.scale);
    all.distribution.forEach((count, value) => {
      if (count > 0 && (value < low || value > high)) skips.add('invalid', 0, String(value), count);
    });
    finalGroups = new GroupTallies();
    for (const { key, tally } of groups.entries()) {
      const kept = tally.within(low, high);
      if (kept.responses > 0) finalGroups.tallyFor(key).merge(kept);
    }
  }

  return {
    groups: finalGroups, skips, rowsRead, scoreColumn, dateColumn,
    dimensionNames: dims.map((c) => c.name),
    dayOrder, extraFields, shortRows, elevens, zeros, repeatedIds,
    ratingScale, weightColumn: weight?.name ?? null, crossed: [],
  };
}

/**
 * Whether the days' tokens (each key's last element) go to periods one to one: no two tokens to
 * one period, given `periodOf` (the period's key, or a reason the day goes to none).
 */
function daysApart(keys: readonly (readonly string[])[], periodOf: (token: string) => readonly string[] | string): boolean {
  const periods = new Set<string>();
  const seen = new Set<string>();
  for (const key of keys) {
    const token = key[key.length - 1] ?? '';
    if (seen.has(token)) continue;
    seen.add(token);
    const period = periodOf(token);
    if (typeof period === 'string') continue;
    const name = period[period.length - 1] ?? '';
    if (periods.has(name)) return false;
    periods.add(name);
  }
  return true;
}

/** Answers gathered from in the order of their rows, on to the sink a stretch at a time. */
function gatherInOrder(heard: Heard[], gathering: Gathering): void {
  heard.sort((a, b) => a.row - b.row);
  const gatherer = partGatherer(gathering.what);
  for (const { score, cells } of heard) {
    gatherer.add(score, cells);
    if (gatherer.full) gathering.sink.absorb(gatherer.take());
  }
  gathering.sink.absorb(gatherer.take());
}
