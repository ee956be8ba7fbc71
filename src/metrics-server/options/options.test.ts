import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { helpText } from './help.ts';
import { metricsServerFlags } from './options.ts';
import { minTlsVersion, opensslCiphers } from './tls-settings.ts';
import { validateOptions } from './validate.ts';

/** Upstream's `docs/command-line-flags.txt` (v0.9.0), which strips trailing spaces. */
const GOLDEN = readFileSync(new URL('./testdata/help-v0.9.0.txt', import.meta.url), 'utf8');

function trimLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

function parse(argv: string[]) {
  const { flags, options } = metricsServerFlags();
  flags.parse(argv);
  return options();
}

describe('metrics-server options', () => {
  it('prints upstream --help byte for byte, except the usage line', () => {
    const { flags } = metricsServerFlags();
    const ours = trimLines(helpText(flags)).replace('  kube-metrics metrics-server [flags]', '   [flags]');
    assert.equal(ours, trimLines(GOLDEN));
  });

  it('reads manifest flags', () => {
    const o = parse([
      '--cert-dir=/tmp',
      '--secure-port=10250',
      '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
      '--kubelet-use-node-status-port',
      '--metric-resolution=15s',
      '-l',
      'metrics-server-skip!=true',
      '--v=4',
    ]);
    assert.equal(o.serving.certDir, '/tmp');
    assert.equal(o.serving.securePort, 10250);
    assert.deepEqual(o.kubelet.preferredAddressTypes, ['InternalIP', 'ExternalIP', 'Hostname']);
    assert.equal(o.kubelet.useNodeStatusPort, true);
    assert.equal(o.metricResolutionMs, 15_000);
    assert.equal(o.kubelet.nodeSelector, 'metrics-server-skip!=true');
    assert.equal(o.logging.verbosity, 4);
    assert.deepEqual(o.authorization.alwaysAllowPaths, ['/healthz', '/readyz', '/livez']);
    assert.equal(o.authentication.tokenCacheTtlMs, 10_000);
  });

  it('accepts the flags upstream ignores', () => {
    const o = parse([
      '--profiling=false',
      '--audit-log-maxage=3',
      '--feature-gates=A=true,b:B=false',
      '--tls-sni-cert-key=a.crt,a.key:example.com',
      '--tls-curve-preferences=23,29',
      '--vmodule=x=2',
      '--log-json-info-buffer-size=1Ki',
      '--advertise-address=10.0.0.1',
    ]);
    assert.deepEqual(o.generic.featureGates, { 'kube:A': 'true', 'b:B': 'false' });
    assert.deepEqual(o.serving.sniCertKeys, [{ certFile: 'a.crt', keyFile: 'a.key', names: ['example.com'] }]);
  });

  const validation: Array<[string[], string | undefined]> = [
    [[], undefined],
    [['--metric-resolution=15s'], undefined],
    [['--metric-resolution=5s'], 'metric-resolution should be a time duration at least 10s, but value 5s provided'],
    [
      ['--metric-resolution=10s'],
      'metric-resolution should be larger than kubelet-request-timeout, but metric-resolution value 10s kubelet-request-timeout value 10s provided',
    ],
    [['--metric-resolution=10s', '--kubelet-request-timeout=9s'], undefined],
    [
      ['--kubelet-certificate-authority=ca.crt', '--kubelet-insecure-tls'],
      'cannot use both --kubelet-certificate-authority and --kubelet-insecure-tls',
    ],
    [['--kubelet-client-key=k'], 'need both --kubelet-client-key and --kubelet-client-certificate'],
    [
      ['--kubelet-client-key=k', '--kubelet-client-certificate=c', '--deprecated-kubelet-completely-insecure'],
      'cannot use both --kubelet-client-key and --deprecated-kubelet-completely-insecure',
    ],
    [
      ['--kubelet-insecure-tls', '--deprecated-kubelet-completely-insecure'],
      'cannot use both --kubelet-insecure-tls and --deprecated-kubelet-completely-insecure',
    ],
    [['--kubelet-request-timeout=0s'], 'kubelet-request-timeout should be positive'],
    [['--logging-format=xml'], 'format: Invalid value: "xml": Unsupported log format'],
    [['--goaway-chance=1'], '--goaway-chance can not be less than 0 or greater than 0.02'],
    [['--max-requests-inflight=-1'], '--max-requests-inflight can not be negative value'],
    [['--livez-grace-period=-1s'], '--livez-grace-period can not be a negative value'],
    [['--tls-cert-file=x'], 'missing filename for serving cert'],
    [
      ['--secure-port=70000'],
      'failed to create listener: failed to listen on 0.0.0.0:70000: listen tcp: address 70000: invalid port',
    ],
  ];
  for (const [argv, first] of validation) {
    it(`validates ${argv.join(' ') || '(defaults)'}`, () => {
      assert.equal(validateOptions(parse(argv))[0], first);
    });
  }

  const parseErrors: Array<[string[], string]> = [
    [['--bind-address=foo'], 'invalid argument "foo" for "--bind-address" flag: failed to parse IP: "foo"'],
    [['-v=-1'], 'invalid argument "-1" for "-v, --v" flag: strconv.ParseUint: parsing "-1": invalid syntax'],
    [['--bogus'], 'unknown flag: --bogus'],
  ];
  for (const [argv, message] of parseErrors) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parse(argv), { message });
    });
  }

  it('maps TLS settings', () => {
    assert.equal(opensslCiphers([]), undefined);
    assert.equal(
      opensslCiphers(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384']),
      'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384',
    );
    assert.throws(() => opensslCiphers(['foo']), { message: "Cipher suite foo not supported or doesn't exist" });
    assert.equal(minTlsVersion('VersionTLS13'), 'TLSv1.3');
    assert.equal(minTlsVersion(''), undefined);
    assert.throws(() => minTlsVersion('foo'), { message: 'unknown tls version "foo"' });
  });
});
