import assert from 'node:assert/strict';
import { test } from 'node:test';
import { negotiateExposition, TEXT_CONTENT_TYPE } from './content-type.ts';

test('negotiateExposition follows KSM content negotiation', () => {
  const om = (v: string, e = 'underscores') =>
    `application/openmetrics-text; version=${v}; charset=utf-8; escaping=${e}`;
  const cases: [string | undefined, string][] = [
    [undefined, TEXT_CONTENT_TYPE],
    ['', TEXT_CONTENT_TYPE],
    ['*/*', TEXT_CONTENT_TYPE],
    ['text/plain', TEXT_CONTENT_TYPE],
    ['text/plain;version=0.0.4;q=1,*/*;q=0.1', TEXT_CONTENT_TYPE],
    ['application/openmetrics-text', om('0.0.1')],
    ['application/openmetrics-text;version=1.0.0', om('1.0.0')],
    ['application/openmetrics-text;version=2.0.0', TEXT_CONTENT_TYPE],
    [
      'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3',
      TEXT_CONTENT_TYPE,
    ],
    // Prometheus 3 default scrape protocols.
    [
      'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1',
      om('1.0.0', 'allow-utf-8'),
    ],
    ['text/plain;version=0.0.4;q=0.5,application/openmetrics-text;version=1.0.0;q=0.9', om('1.0.0')],
    ['application/openmetrics-text;version=1.0.0;escaping=bogus', om('1.0.0')],
  ];
  for (const [accept, want] of cases) assert.equal(negotiateExposition(accept).contentType, want, String(accept));
  assert.equal(negotiateExposition('application/openmetrics-text').openMetrics, true);
  assert.equal(negotiateExposition('text/plain').openMetrics, false);
});
