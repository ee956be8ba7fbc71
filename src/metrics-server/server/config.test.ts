import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeApiClient } from '../../shared/kube/api-client.ts';
import { createCA } from '../../shared/tls/pki.ts';
import { metricsServerFlags } from '../options/options.ts';
import { buildConfig, resolveAuthentication } from './config.ts';

describe('buildConfig out of cluster', () => {
  let dir: string;
  let kubeconfig: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-config-'));
    kubeconfig = join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:1"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n',
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, string[], string]> = [
    [
      'no authentication kubeconfig',
      [],
      'failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
    ],
    [
      'missing authentication kubeconfig file',
      ['--authentication-kubeconfig=/nonexistent/kubeconfig'],
      'failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: stat /nonexistent/kubeconfig: no such file or directory',
    ],
    [
      'no authorization kubeconfig',
      ['--authentication-kubeconfig=KUBECONFIG', '--authentication-skip-lookup'],
      'failed to get delegated authorization kubeconfig: unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
    ],
    [
      'missing main kubeconfig',
      [
        '--authentication-kubeconfig=KUBECONFIG',
        '--authorization-kubeconfig=KUBECONFIG',
        '--authentication-skip-lookup',
        '--kubeconfig=/nonexistent',
      ],
      'unable to construct lister client config: stat /nonexistent: no such file or directory',
    ],
    ['unknown TLS version', ['--tls-min-version=VersionTLS99'], 'unknown tls version "VersionTLS99"'],
    ['unknown cipher', ['--tls-cipher-suites=NOPE'], "Cipher suite NOPE not supported or doesn't exist"],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const { flags, options } = metricsServerFlags();
      flags.parse([`--cert-dir=${join(dir, 'certs')}`, ...argv.map((a) => a.replace('KUBECONFIG', kubeconfig))]);
      await assert.rejects(buildConfig(options(), { env: {} }), { message });
    });
  }
});

describe('resolveAuthentication', () => {
  let dir: string;
  let clientCa: string;
  let proxyCa: string;
  let flagCa: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-authn-'));
    const [a, b, c] = await Promise.all([createCA('client'), createCA('proxy'), createCA('flag')]);
    clientCa = a.certPem;
    proxyCa = b.certPem;
    flagCa = c.certPem;
    await writeFile(join(dir, 'flag-ca.crt'), flagCa);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const configMap = () => ({
    data: {
      'client-ca-file': clientCa,
      'requestheader-client-ca-file': proxyCa,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-username-headers': '["X-Remote-User"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
    },
  });
  const client = (answer: () => unknown) =>
    ({
      getJSON: async (path: string) => {
        assert.equal(path, '/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication');
        return answer();
      },
    }) as unknown as KubeApiClient;
  const options = (argv: string[]) => {
    const { flags, options: read } = metricsServerFlags();
    flags.parse(argv.map((a) => a.replace('DIR', dir)));
    return read();
  };

  it('takes the client CA and the request-header settings from the ConfigMap', async () => {
    const r = await resolveAuthentication(options([]), client(configMap));
    assert.deepEqual(r.clientCaPems, [clientCa, proxyCa]);
    assert.equal(r.authentication.clientCAs.length, 1);
    assert.deepEqual(
      { ...r.authentication.requestHeader, cas: r.authentication.requestHeader?.cas.length },
      {
        cas: 1,
        allowedNames: ['front-proxy-client'],
        usernameHeaders: ['X-Remote-User'],
        groupHeaders: ['X-Remote-Group'],
        extraHeadersPrefix: ['X-Remote-Extra-'],
        uidHeaders: [],
      },
    );
  });

  it('--requestheader-* flags win over the ConfigMap', async () => {
    const r = await resolveAuthentication(
      options(['--requestheader-client-ca-file=DIR/flag-ca.crt', '--requestheader-allowed-names=aggregator']),
      client(configMap),
    );
    assert.deepEqual(r.clientCaPems, [clientCa, flagCa]);
    assert.deepEqual(r.authentication.requestHeader?.allowedNames, ['aggregator']);
    assert.deepEqual(r.authentication.requestHeader?.usernameHeaders, ['x-remote-user']);
  });

  it('a failed lookup is fatal unless tolerated', async () => {
    const failing = client(() => {
      throw new Error('configmaps "extension-apiserver-authentication" is forbidden');
    });
    await assert.rejects(resolveAuthentication(options([]), failing), {
      message:
        'unable to load configmap based request-header-client-ca-file: configmaps "extension-apiserver-authentication" is forbidden',
    });
    const r = await resolveAuthentication(options(['--authentication-tolerate-lookup-failure']), failing);
    assert.deepEqual(r, { authentication: { clientCAs: [] }, clientCaPems: [] });
  });

  it('--authentication-skip-lookup never asks', async () => {
    const r = await resolveAuthentication(
      options(['--authentication-skip-lookup']),
      client(() => assert.fail('looked up')),
    );
    assert.deepEqual(r, { authentication: { clientCAs: [] }, clientCaPems: [] });
  });
});
