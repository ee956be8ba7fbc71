import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkFieldSelector,
  matchFields,
  matchLabelSelectorObject,
  matchLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors.ts';

describe('parseLabelSelector + matchLabels', () => {
  const labels = { app: 'web', tier: 'front', 'example.com/role': 'db', n: '5' };
  const cases: { name: string; selector: string; want: boolean }[] = [
    { name: 'empty matches all', selector: '', want: true },
    { name: 'equals', selector: 'app=web', want: true },
    { name: 'double equals', selector: 'app==web', want: true },
    { name: 'equals mismatch', selector: 'app=api', want: false },
    { name: 'not equals', selector: 'app!=api', want: true },
    { name: 'not equals on missing key', selector: 'zone!=a', want: true },
    { name: 'in', selector: 'tier in (back, front)', want: true },
    { name: 'in mismatch', selector: 'tier in (back)', want: false },
    { name: 'notin', selector: 'tier notin (back)', want: true },
    { name: 'notin on missing key', selector: 'zone notin (a)', want: true },
    { name: 'exists', selector: 'app', want: true },
    { name: 'not exists', selector: '!app', want: false },
    { name: 'not exists missing', selector: '!zone', want: true },
    { name: 'prefixed key', selector: 'example.com/role=db', want: true },
    { name: 'and', selector: 'app=web,tier=back', want: false },
    { name: 'whitespace', selector: '  app = web ,  tier in ( front )', want: true },
    { name: 'gt', selector: 'n>4', want: true },
    { name: 'lt', selector: 'n<4', want: false },
    { name: 'empty value', selector: 'empty=', want: false },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(matchLabels(parseLabelSelector(c.selector), labels), c.want));
  }

  const bad: { selector: string; message: RegExp }[] = [
    { selector: 'a b', message: /unable to parse requirement/ },
    { selector: 'app in ()', message: /values set can't be empty/ },
    { selector: 'app in (a', message: /expected: '\)'|expected: ',' or '\)'/ },
    { selector: 'bad key!=x', message: /unable to parse requirement/ },
    { selector: '-a=b', message: /name part must consist of alphanumeric characters/ },
    { selector: 'a=b,', message: /unable to parse requirement/ },
    { selector: 'a=b c', message: /unable to parse requirement/ },
    { selector: 'a=@', message: /a valid label must be an empty string/ },
  ];
  for (const c of bad) {
    it(`rejects ${JSON.stringify(c.selector)}`, () => {
      assert.throws(
        () => parseLabelSelector(c.selector),
        (err: Error) => err instanceof SelectorError && c.message.test(err.message),
      );
    });
  }
});

describe('field selectors', () => {
  const pod = {
    metadata: { name: 'p1', namespace: 'ns1' },
    spec: { nodeName: 'node-1' },
    status: { phase: 'Running' },
  };
  const cases: { selector: string; want: boolean }[] = [
    { selector: 'metadata.name=p1', want: true },
    { selector: 'metadata.name==p1,metadata.namespace=ns1', want: true },
    { selector: 'spec.nodeName=node-2', want: false },
    { selector: 'spec.nodeName!=node-2', want: true },
    { selector: 'status.phase!=Running', want: false },
    { selector: 'spec.nodeName=', want: false },
    { selector: '', want: true },
  ];
  for (const c of cases) {
    it(c.selector || '(empty)', () => {
      const sel = parseFieldSelector(c.selector);
      checkFieldSelector(sel, 'Pod');
      assert.equal(matchFields(sel, pod), c.want);
    });
  }
  it('rejects a field the kind does not index', () => {
    assert.throws(() => checkFieldSelector(parseFieldSelector('spec.nodeName=x'), 'Deployment'), {
      message: 'field label not supported: spec.nodeName',
    });
  });
  it('rejects a term without an operator', () => {
    assert.throws(() => parseFieldSelector('metadata.name'), /invalid selector/);
  });
  it('matches node spec.unschedulable as a boolean string', () => {
    assert.equal(
      matchFields(parseFieldSelector('spec.unschedulable=false'), { metadata: { name: 'n' }, spec: {} }),
      true,
    );
  });
  it('matches event involvedObject fields', () => {
    const ev = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p1' }, type: 'Warning' };
    const sel = parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=p1,type=Warning');
    checkFieldSelector(sel, 'Event');
    assert.equal(matchFields(sel, ev), true);
  });
});

describe('matchLabelSelectorObject', () => {
  const labels = { app: 'web', tier: 'front' };
  const cases: { name: string; selector: Parameters<typeof matchLabelSelectorObject>[0]; want: boolean }[] = [
    { name: 'null matches nothing', selector: null, want: false },
    { name: 'empty matches everything', selector: {}, want: true },
    { name: 'matchLabels', selector: { matchLabels: { app: 'web' } }, want: true },
    { name: 'matchLabels mismatch', selector: { matchLabels: { app: 'db' } }, want: false },
    { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, want: true },
    {
      name: 'NotIn',
      selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] },
      want: false,
    },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, want: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, want: false },
    { name: 'unknown operator', selector: { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(matchLabelSelectorObject(c.selector, labels), c.want));
});
