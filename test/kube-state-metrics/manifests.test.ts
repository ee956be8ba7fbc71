/**
 * The manifests in deploy/kube-state-metrics agree with the code: the ClusterRole grants list and
 * watch on exactly the resources kube-state-metrics can expose, every container's args pass the
 * command's own flag parsing and validation, and every kustomization lists files that exist.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ksmFlags } from '../../src/kube-state-metrics/options/flags.ts';
import { resolveOptions } from '../../src/kube-state-metrics/options/validate.ts';
import { allResources } from '../../src/kube-state-metrics/stores/index.ts';

const deploy = new URL('../../deploy/kube-state-metrics/', import.meta.url).pathname;

interface Doc {
  kind: string;
  metadata: { name: string };
  rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  spec?: { template?: { spec: { containers: { args: string[] }[] } } };
  resources?: string[];
}

function docs(dir: string): Doc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as Doc));
}

test('the ClusterRole grants list/watch on exactly the exposable resources (no get)', () => {
  const role = docs(join(deploy, 'rbac')).find((d) => d.kind === 'ClusterRole')!;
  const listWatch = new Set<string>();
  for (const rule of role.rules!) {
    const verbs = [...rule.verbs].sort().join(',');
    for (const group of rule.apiGroups) {
      for (const resource of rule.resources) {
        if (verbs === 'list,watch') listWatch.add(`${group}/${resource}`);
        else assert.equal(verbs, 'create', `${group}/${resource}`);
      }
    }
  }
  const want = allResources.map((r) => {
    const group = r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.indexOf('/')) : '';
    return `${group}/${r.resource}`;
  });
  assert.deepEqual([...listWatch].sort(), want.sort());
});

test('every container in every layout starts with valid kube-state-metrics args', () => {
  const env: Record<string, string> = { '$(POD_NAME)': 'kube-state-metrics-0', '$(POD_NAMESPACE)': 'kube-system' };
  env['$(NODE_NAME)'] = 'node-1';
  let checked = 0;
  for (const dir of ['', 'autosharding', 'daemonset']) {
    for (const doc of docs(join(deploy, dir))) {
      for (const c of doc.spec?.template?.spec.containers ?? []) {
        const [sub, ...args] = c.args;
        assert.equal(sub, 'kube-state-metrics', `${dir}/${doc.metadata.name}`);
        const { flags, options } = ksmFlags();
        flags.parse(args.map((a) => a.replace(/\$\([A-Z_]+\)/g, (m) => env[m] ?? m)));
        assert.doesNotThrow(() => resolveOptions(options()), `${dir}/${doc.metadata.name}`);
        checked++;
      }
    }
  }
  assert.equal(checked, 5);
});

test('kustomizations list files and directories that exist', () => {
  for (const dir of ['', 'rbac', 'autosharding', 'daemonset']) {
    const k = docs(join(deploy, dir)).find((d) => (d as { kind?: string }).kind === 'Kustomization');
    assert.ok(k, `${dir}/kustomization.yaml`);
    for (const r of k.resources!) assert.ok(existsSync(join(deploy, dir, r)), `${dir}: ${r}`);
  }
});
