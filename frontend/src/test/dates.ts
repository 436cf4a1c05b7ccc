// Dates for test answers, counted from the day the tests run, so they pass on
// any day. Like the app (lib/format.ts: today(), date()), a calendar date is
// the browser's local day and a timestamp is an instant the server sends in
// UTC and the screens show in local time.

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The local day n days from today (negative: before), as YYYY-MM-DD. */
export function daysFromToday(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return ymd(d);
}

/** The instant at local time `time` (HH:MM) on the day n days from today, as an ISO timestamp (…Z). */
export function timestampDaysFromToday(n: number, time = '10:00'): string {
  const [h, m] = time.split(':').map(Number);
  const d = new Date();
  d.setDate(d.getDate() + n);
  d.setHours(h, m, 0, 0);
  return d.toISOString();
}

/**
 * A half-year review period: offset 0 is the one today falls in, -1 the one
 * before. Its code (2026-H2), bounds and names follow the seed's pattern.
 */
export function halfYear(offset = 0) {
  const now = new Date();
  const index = now.getFullYear() * 2 + (now.getMonth() < 6 ? 0 : 1) + offset;
  const year = Math.floor(index / 2);
  const second = index % 2 === 1;
  const month = second ? 7 : 1;
  return {
    code: `${year}-H${second ? 2 : 1}`,
    startsOn: `${year}-${pad(month)}-01`,
    endsOn: `${year}-${pad(month + 5)}-${second ? 31 : 30}`,
    name: { en: `${year} ${second ? 'second' : 'first'} half`, zh: `${year}年${second ? '下' : '上'}半年` },
  };
}
