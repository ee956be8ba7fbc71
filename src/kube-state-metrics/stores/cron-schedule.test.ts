import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronParseError, GO_ZERO_TIME_UNIX, parseCronSchedule, parseGoDuration } from './cron-schedule.ts';

const unix = (iso: string) => Date.parse(iso) / 1000;

describe('parseCronSchedule next()', () => {
  const cases: { name: string; spec: string; zone?: string; from: string; want: string | number }[] = [
    {
      name: 'every 15 minutes',
      spec: 'CRON_TZ=UTC */15 * * * *',
      from: '2024-01-01T00:07:30Z',
      want: '2024-01-01T00:15:00Z',
    },
    {
      name: 'strictly after',
      spec: 'CRON_TZ=UTC */15 * * * *',
      from: '2024-01-01T00:15:00Z',
      want: '2024-01-01T00:30:00Z',
    },
    { name: 'hourly', spec: 'TZ=UTC @hourly', from: '2024-01-01T10:00:00Z', want: '2024-01-01T11:00:00Z' },
    { name: 'daily', spec: 'CRON_TZ=UTC @daily', from: '2024-01-01T10:00:00Z', want: '2024-01-02T00:00:00Z' },
    { name: 'midnight', spec: 'CRON_TZ=UTC @midnight', from: '2024-01-01T10:00:00Z', want: '2024-01-02T00:00:00Z' },
    {
      name: 'weekly is Sunday',
      spec: 'CRON_TZ=UTC @weekly',
      from: '2024-01-30T10:00:00Z',
      want: '2024-02-04T00:00:00Z',
    },
    { name: 'monthly', spec: 'CRON_TZ=UTC @monthly', from: '2024-01-30T10:00:00Z', want: '2024-02-01T00:00:00Z' },
    { name: 'yearly', spec: 'CRON_TZ=UTC @yearly', from: '2024-01-30T10:00:00Z', want: '2025-01-01T00:00:00Z' },
    { name: 'annually', spec: 'CRON_TZ=UTC @annually', from: '2024-01-30T10:00:00Z', want: '2025-01-01T00:00:00Z' },
    {
      name: 'weekdays at 9 (dom is *, so AND)',
      spec: 'CRON_TZ=UTC 0 9 * * 1-5',
      from: '2024-01-05T14:00:00Z',
      want: '2024-01-08T09:00:00Z',
    },
    {
      name: 'dom and dow both set: OR',
      spec: 'CRON_TZ=UTC 0 0 1,15 * 1',
      from: '2024-01-02T00:00:00Z',
      want: '2024-01-08T00:00:00Z',
    },
    {
      name: 'names, any case',
      spec: 'CRON_TZ=UTC 0 0 * FEB,mar Sun',
      from: '2024-01-02T00:00:00Z',
      want: '2024-02-04T00:00:00Z',
    },
    {
      name: 'N/step means N-max/step',
      spec: 'CRON_TZ=UTC 50/5 * * * *',
      from: '2024-01-01T00:51:00Z',
      want: '2024-01-01T00:55:00Z',
    },
    {
      name: 'range with step',
      spec: 'CRON_TZ=UTC 0 1-10/3 * * *',
      from: '2024-01-01T04:00:00Z',
      want: '2024-01-01T07:00:00Z',
    },
    {
      name: 'question mark',
      spec: 'CRON_TZ=UTC 0 0 ? * *',
      from: '2024-01-01T04:00:00Z',
      want: '2024-01-02T00:00:00Z',
    },
    {
      name: 'never fires: Go zero time',
      spec: 'CRON_TZ=UTC 0 0 30 2 *',
      from: '2024-01-01T00:00:00Z',
      want: GO_ZERO_TIME_UNIX,
    },
    {
      name: 'zone argument',
      spec: '0 0 * * *',
      zone: 'Asia/Tokyo',
      from: '2024-01-01T00:00:00Z',
      want: '2024-01-01T15:00:00Z',
    },
    {
      name: 'DST gap skipped',
      spec: '0 2 * * *',
      zone: 'America/New_York',
      from: '2024-03-10T05:00:00Z',
      want: '2024-03-11T06:00:00Z',
    },
    {
      name: 'DST overlap: first 02:30',
      spec: '30 2 * * *',
      zone: 'Europe/Berlin',
      from: '2024-10-27T00:00:00Z',
      want: '2024-10-27T00:30:00Z',
    },
    { name: 'every 90s', spec: '@every 90s', from: '2024-01-01T00:00:00Z', want: '2024-01-01T00:01:30Z' },
    { name: 'every 1h30m', spec: '@every 1h30m', from: '2024-01-01T00:00:00Z', want: '2024-01-01T01:30:00Z' },
    {
      name: 'every sub-second rounds to 1s',
      spec: '@every 500ms',
      from: '2024-01-01T00:00:00Z',
      want: '2024-01-01T00:00:01Z',
    },
    {
      name: 'extra whitespace',
      spec: 'CRON_TZ=UTC   0   3  * *   *',
      from: '2024-01-01T04:00:00Z',
      want: '2024-01-02T03:00:00Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const want = typeof c.want === 'number' ? c.want : unix(c.want);
      assert.equal(parseCronSchedule(c.spec, c.zone).next(unix(c.from)), want);
    });
  }

  it('no zone means the process zone', () => {
    const local = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const from = unix('2024-06-01T12:34:56Z');
    assert.equal(parseCronSchedule('17 */2 * * *').next(from), parseCronSchedule('17 */2 * * *', local).next(from));
  });
});

describe('parseCronSchedule errors', () => {
  const cases: { spec: string; zone?: string; message: string }[] = [
    { spec: '', message: 'empty spec string' },
    { spec: '* * * *', message: 'expected exactly 5 fields, found 4: * * * *' },
    { spec: '* * * * * *', message: 'expected exactly 5 fields, found 6: * * * * * *' },
    { spec: '61 * * * *', message: 'end of range (61) above maximum (59): 61' },
    { spec: '0 0 0 * *', message: 'beginning of range (0) below minimum (1): 0' },
    { spec: '0 0 * * 7', message: 'end of range (7) above maximum (6): 7' },
    { spec: '5-1 * * * *', message: 'beginning of range (5) beyond end of range (1): 5-1' },
    { spec: '*/0 * * * *', message: 'step of range should be a positive number: */0' },
    { spec: '1-2-3 * * * *', message: 'too many hyphens: 1-2-3' },
    { spec: '1/2/3 * * * *', message: 'too many slashes: 1/2/3' },
    { spec: 'x * * * *', message: 'failed to parse int from x in x' },
    { spec: '@fortnightly', message: 'unrecognized descriptor: @fortnightly' },
    { spec: '@every soon', message: 'time: invalid duration "soon"' },
    {
      spec: '* * * * *',
      zone: 'Mars/Olympus',
      message: 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
    },
    {
      spec: '* * * * *',
      zone: 'america/new_york',
      message: 'provided bad location america/new_york: unknown time zone america/new_york',
    },
    { spec: 'CRON_TZ=UTC', message: 'missing schedule after time zone: CRON_TZ=UTC' },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.spec) + (c.zone ? ` in ${c.zone}` : ''), () => {
      assert.throws(
        () => parseCronSchedule(c.spec, c.zone),
        (err: unknown) => {
          assert.ok(err instanceof CronParseError);
          assert.equal(err.message, c.message);
          return true;
        },
      );
    });
  }
});

describe('parseGoDuration', () => {
  const cases: [string, number][] = [
    ['90s', 90],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['250ms', 0.25],
    ['0', 0],
  ];
  for (const [input, want] of cases) it(input, () => assert.equal(parseGoDuration(input), want));
});
