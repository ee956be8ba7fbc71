/**
 * A compact description of the built-in API types, from which the OpenAPI schemas are generated.
 * kubectl's client-side apply walks the schema along every map or list field present in both the
 * last-applied and the new manifest, and gives up (with a warning) on a field the schema does not
 * list; so every object- or list-valued field a manifest may carry is described, with the
 * `x-kubernetes-patch-merge-key`/`-strategy` of keyed lists. Scalars are listed for `kubectl
 * explain` where cheap. Types not described here get an opaque schema and no strategic-merge
 * content type on PATCH, which makes kubectl fall back to its compiled-in patch metadata.
 */
import { POD_STRUCTS } from './openapi-schemas-pod.ts';
import { type Fields, listOf } from './openapi-type-notation.ts';

export type { Fields, ListExpr, TypeExpr } from './openapi-type-notation.ts';

const strs = listOf('string');
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';

/** Named structs: short name -> [schema package, fields]. Short names are unique. */
export const STRUCTS: Record<string, [string, Fields]> = {
  ...POD_STRUCTS,
  ObjectMeta: [
    META,
    {
      name: 'string',
      generateName: 'string',
      namespace: 'string',
      uid: 'string',
      resourceVersion: 'string',
      generation: 'integer',
      creationTimestamp: 'time',
      deletionTimestamp: 'time',
      deletionGracePeriodSeconds: 'integer',
      labels: 'map',
      annotations: 'map',
      ownerReferences: listOf('OwnerReference', 'uid'),
      finalizers: listOf('string', undefined, 'merge'),
      managedFields: listOf('ManagedFieldsEntry'),
      selfLink: 'string',
    },
  ],
  ListMeta: [
    META,
    { resourceVersion: 'string', continue: 'string', remainingItemCount: 'integer', selfLink: 'string' },
  ],
  OwnerReference: [
    META,
    {
      apiVersion: 'string',
      kind: 'string',
      name: 'string',
      uid: 'string',
      controller: 'boolean',
      blockOwnerDeletion: 'boolean',
    },
  ],
  ManagedFieldsEntry: [
    META,
    {
      manager: 'string',
      operation: 'string',
      apiVersion: 'string',
      time: 'time',
      fieldsType: 'string',
      fieldsV1: 'any',
      subresource: 'string',
    },
  ],
  LabelSelector: [
    META,
    { matchLabels: 'map', matchExpressions: listOf({ key: 'string', operator: 'string', values: strs }) },
  ],

  OptionalName: [CORE, { name: 'string', optional: 'boolean' }],
  KeySelector: [CORE, { name: 'string', key: 'string', optional: 'boolean' }],
  ObjectFieldSelector: [CORE, { apiVersion: 'string', fieldPath: 'string' }],
  ResourceFieldSelector: [CORE, { containerName: 'string', resource: 'string', divisor: 'quantity' }],
  EnvVarSource: [
    CORE,
    {
      fieldRef: 'ObjectFieldSelector',
      resourceFieldRef: 'ResourceFieldSelector',
      configMapKeyRef: 'KeySelector',
      secretKeyRef: 'KeySelector',
    },
  ],
  ResourceRequirements: [
    CORE,
    { limits: 'quantities', requests: 'quantities', claims: listOf({ name: 'string', request: 'string' }, 'name') },
  ],
  LocalObjectReference: [CORE, { name: 'string' }],
  ObjectReference: [
    CORE,
    {
      kind: 'string',
      namespace: 'string',
      name: 'string',
      uid: 'string',
      apiVersion: 'string',
      resourceVersion: 'string',
      fieldPath: 'string',
    },
  ],
  TypedLocalObjectReference: [CORE, { apiGroup: 'string', kind: 'string', name: 'string' }],
  PersistentVolumeClaimSpec: [
    CORE,
    {
      accessModes: strs,
      selector: 'LabelSelector',
      resources: { limits: 'quantities', requests: 'quantities' },
      volumeName: 'string',
      storageClassName: 'string',
      volumeMode: 'string',
      dataSource: 'TypedLocalObjectReference',
      dataSourceRef: { apiGroup: 'string', kind: 'string', name: 'string', namespace: 'string' },
      volumeAttributesClassName: 'string',
    },
  ],
  PersistentVolumeClaim: [
    CORE,
    {
      apiVersion: 'string',
      kind: 'string',
      metadata: 'ObjectMeta',
      spec: 'PersistentVolumeClaimSpec',
      status: {
        phase: 'string',
        accessModes: strs,
        capacity: 'quantities',
        conditions: listOf('any', 'type'),
        allocatedResources: 'quantities',
        allocatedResourceStatuses: 'map',
        currentVolumeAttributesClassName: 'string',
        modifyVolumeStatus: { targetVolumeAttributesClassName: 'string', status: 'string' },
      },
    },
  ],
};
