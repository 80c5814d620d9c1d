import type { Weekday } from '../policy/types.js';

const DAY = 86_400_000;

export class DriftInputError extends Error {
  override name = 'DriftInputError';
}

/** The ISO-8601 week of an instant (UTC): weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(d: Date): { year: number; week: number; key: string } {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return { year, week, key: `${year}-W${String(week).padStart(2, '0')}` };
}

/** Monday 00:00 UTC of the ISO week holding `d`. */
export function weekStart(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = day.getUTCDay() || 7;
  return new Date(day.getTime() - (dow - 1) * DAY);
}

const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** When this ISO week's report is due: the configured weekday and hour (UTC) of the week holding `now`. */
export function dueAt(now: Date, weekday: Weekday, hour: number): Date {
  return new Date(weekStart(now).getTime() + WEEKDAYS.indexOf(weekday) * DAY + hour * 3_600_000);
}

/** `7d`, `2w`, `36h` to milliseconds; anything else is a one-line input error. */
export function parseSince(since: string): number {
  const m = /^(\d{1,4})([hdw])$/.exec(since.trim());
  const n = m ? Number(m[1]) : 0;
  if (!m || n <= 0) throw new DriftInputError(`--since must be a duration like 7d, 2w or 36h, got \`${since}\``);
  return n * { h: 3_600_000, d: DAY, w: 7 * DAY }[m[2] as 'h' | 'd' | 'w'];
}

export interface Window {
  start: Date;
  end: Date;
  /** The ISO week of the window's end: a weekly run's window is named after the week it reports in. */
  label: string;
}

/** `count` consecutive windows of `lengthMs` ending at `now`, oldest first; the last is the report's period. */
export function windows(now: Date, lengthMs: number, count = 8): Window[] {
  const out: Window[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const end = new Date(now.getTime() - k * lengthMs);
    out.push({ start: new Date(end.getTime() - lengthMs), end, label: isoWeek(end).key });
  }
  return out;
}
