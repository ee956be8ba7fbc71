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
      name: 'dom and dow: AND (go-cron default)',
      spec: 'CRON_TZ=UTC 0 0 1,15 * 1',
      from: '2024-01-02T00:00:00Z',
      want: '2024-01-15T00:00:00Z',
    },
    { name: '7 is Sunday', spec: 'CRON_TZ=UTC 0 0 * * 7', from: '2024-01-30T10:00:00Z', want: '2024-02-04T00:00:00Z' },
    {
      name: 'hour range wraps around midnight',
      spec: 'CRON_TZ=UTC 0 22-2/2 * * *',
      from: '2024-01-01T22:30:00Z',
      want: '2024-01-02T00:00:00Z',
    },
    {
      name: 'weekday range wraps (FRI-MON)',
      spec: 'CRON_TZ=UTC 0 9 * * FRI-MON',
      from: '2024-01-02T10:00:00Z',
      want: '2024-01-05T09:00:00Z',
    },
    {
      name: 'empty list entries are ignored',
      spec: 'CRON_TZ=UTC 5,,10 * * * *',
      from: '2024-01-01T00:06:00Z',
      want: '2024-01-01T00:10:00Z',
    },
    {
      name: 'quoted zone',
      spec: 'CRON_TZ="Asia/Tokyo" 0 0 * * *',
      from: '2024-01-01T00:00:00Z',
      want: '2024-01-01T15:00:00Z',
    },
    { name: 'triggered never fires', spec: '@triggered', from: '2024-01-01T00:00:00Z', want: GO_ZERO_TIME_UNIX },
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
      name: 'DST gap: fires right after it',
      spec: '0 2 * * *',
      zone: 'America/New_York',
      from: '2024-03-10T05:00:00Z',
      want: '2024-03-10T07:00:00Z',
    },
    {
      name: 'DST gap: later hours unaffected',
      spec: '30 4 * * *',
      zone: 'America/New_York',
      from: '2024-03-10T05:00:00Z',
      want: '2024-03-10T08:30:00Z',
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
      name: 'every drops fractions of a second',
      spec: '@every 1.5s',
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
    { spec: '61 * * * *', message: 'end of range (61) above maximum (59): "61"' },
    { spec: '0 0 0 * *', message: 'beginning of range (0) below minimum (1): "0"' },
    { spec: '0 0 * * 8', message: 'end of range (8) above maximum (7): "8"' },
    { spec: '*/0 * * * *', message: 'step of range must be a positive number: "*/0"' },
    { spec: '*/60 * * * *', message: 'step (60) must be less than range size (60): "*/60"' },
    { spec: '0 */24 * * *', message: 'step (24) must be less than range size (24): "*/24"' },
    { spec: '1-2-3 * * * *', message: 'too many hyphens: "1-2-3"' },
    { spec: '1/2/3 * * * *', message: 'too many slashes: "1/2/3"' },
    { spec: 'x * * * *', message: 'failed to parse int from "x" in "x"' },
    { spec: '0 0 L * *', message: 'extended day-of-month syntax is not enabled: "L"' },
    { spec: '0 0 15w * *', message: 'extended day-of-month syntax is not enabled: "15w"' },
    { spec: '0 0 * * FRI#3', message: '#n/#L syntax is not enabled: "FRI#3"' },
    { spec: 'H * * * *', message: 'h expressions require hash option to be enabled' },
    { spec: '@fortnightly', message: 'unrecognized descriptor: "@fortnightly"' },
    { spec: '@every soon', message: 'time: invalid duration "soon"' },
    { spec: '@every 500ms', message: '@every duration must be at least 1s: "@every 500ms"' },
    { spec: '* * * * *', zone: '', message: 'invalid timezone ""' },
    { spec: '* * * * *', zone: 'Europe/Paris.old', message: 'invalid timezone "Europe/Paris.old"' },
    {
      spec: '* * * * *',
      zone: 'Mars/Olympus',
      message: 'unknown time zone "Mars/Olympus": unknown time zone Mars/Olympus',
    },
    {
      spec: '* * * * *',
      zone: 'america/new_york',
      message: 'unknown time zone "america/new_york": unknown time zone america/new_york',
    },
    { spec: 'CRON_TZ=UTC', message: 'missing fields after timezone in spec "CRON_TZ=UTC"' },
    { spec: `${'1,'.repeat(600)}1 * * * *`, message: 'spec too long: 1209 > 1024' },
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
