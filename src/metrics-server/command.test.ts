import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from './command.ts';
import { helpText } from './options/help.ts';
import { metricsServerFlags } from './options/options.ts';

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => {
    stdout += s;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => {
    stderr += s;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await run(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('kube-metrics metrics-server (command)', () => {
  it('--help prints the sections on stdout', async () => {
    const r = await capture(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, helpText(metricsServerFlags().flags));
  });

  it('--version prints the version', async () => {
    assert.deepEqual(await capture(['--version']), { code: 0, stdout: 'v0.1.0\n', stderr: '' });
  });

  const failures: Array<[string[], string]> = [
    [
      ['--metric-resolution=5s'],
      'Error: metric-resolution should be a time duration at least 10s, but value 5s provided',
    ],
    [['--bogus'], 'Error: unknown flag: --bogus'],
    [
      ['--kubelet-insecure-tls', '--kubelet-certificate-authority=ca.crt'],
      'Error: cannot use both --kubelet-certificate-authority and --kubelet-insecure-tls',
    ],
  ];
  for (const [argv, first] of failures) {
    it(`exits 1 on ${argv.join(' ')}, printing the error then the usage like cobra`, async () => {
      const r = await capture(argv);
      assert.equal(r.code, 1);
      const lines = r.stderr.split('\n');
      assert.deepEqual(lines.slice(0, 3), [first, 'Usage:', '  kube-metrics metrics-server [flags]']);
    });
  }
});
