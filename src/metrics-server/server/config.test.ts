import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { metricsServerFlags } from '../options/options.ts';
import { buildConfig } from './config.ts';

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
