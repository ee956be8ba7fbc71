import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crdResourceTypes } from './crd-controller.ts';

describe('crdResourceTypes', () => {
  it('carries each served version’s schema and printer columns, and skips unserved versions', () => {
    const schema = { type: 'object', properties: { spec: { type: 'object' } } };
    const columns = [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }];
    const types = crdResourceTypes({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'] },
        versions: [
          { name: 'v1', served: true, schema: { openAPIV3Schema: schema }, additionalPrinterColumns: columns },
          { name: 'v2', served: false },
        ],
      },
    });
    assert.equal(types.length, 1);
    assert.equal(types[0]?.version, 'v1');
    assert.deepEqual(types[0]?.openAPIV3Schema, schema);
    assert.deepEqual(types[0]?.additionalPrinterColumns, columns);
    assert.deepEqual(types[0]?.shortNames, ['wd']);
  });
});
