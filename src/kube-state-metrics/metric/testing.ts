/**
 * Test helper for resource stores: renders objects through the real store and writer, and compares
 * the exposition with literal text. Sample order inside a family is not part of the contract
 * (upstream's output order is random), so lines are sorted within each family; label order inside
 * a line is kept, since we promise upstream's order.
 */
import assert from 'node:assert/strict';
import type { KubeObject } from '../../shared/kube/object.ts';
import { MetricsStore } from '../metrics-store/metrics-store.ts';
import { writeMetricsToString } from '../metrics-store/metrics-writer.ts';
import type { ResourceDefinition } from './family.ts';

export interface ExpectFamiliesOptions {
  /** Only these families (by name), in the store's order; default all, including opt-in ones. */
  families?: readonly string[];
  allowLabels?: readonly string[];
  allowAnnotations?: readonly string[];
  openMetrics?: boolean;
}

/** Renders `objects` with the resource's families and returns the exposition text. */
export async function renderResource<T extends KubeObject>(
  def: ResourceDefinition<T>,
  objects: readonly T[],
  options: ExpectFamiliesOptions = {},
): Promise<string> {
  let families = def.families({
    allowLabels: options.allowLabels ?? [],
    allowAnnotations: options.allowAnnotations ?? [],
  });
  const wanted = options.families;
  if (wanted) {
    const unknown = wanted.filter((n) => !families.some((f) => f.name === n));
    assert.deepEqual(unknown, [], `families not declared by resource ${def.name}`);
    families = families.filter((f) => wanted.includes(f.name));
  }
  const store = new MetricsStore(def, families);
  for (const o of objects) store.add(o);
  return writeMetricsToString([{ resource: def.name, stores: [store] }], { openMetrics: options.openMetrics ?? false });
}

/** Trims lines, drops blank ones, and sorts the sample lines of each family (headers stay first). */
export function normalizeExposition(text: string): string {
  const blocks: { header: string[]; samples: string[] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('# HELP ') || blocks.length === 0) blocks.push({ header: [], samples: [] });
    const block = blocks[blocks.length - 1]!;
    if (line.startsWith('# ')) block.header.push(line);
    else block.samples.push(line);
  }
  return blocks.map((b) => [...b.header, ...b.samples.sort()].join('\n')).join('\n') + '\n';
}

/**
 * Asserts that rendering `objects` yields `want` (literal exposition text; indentation and line
 * order within a family are ignored). Fails with a line diff.
 */
export async function expectFamilies<T extends KubeObject>(
  def: ResourceDefinition<T>,
  objects: readonly T[],
  want: string,
  options: ExpectFamiliesOptions = {},
): Promise<void> {
  const got = await renderResource(def, objects, options);
  assert.equal(normalizeExposition(got), normalizeExposition(want));
}
