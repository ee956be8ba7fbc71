/** Columns of persistent volumes, claims, storage classes, volume attachments and CSI nodes. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { AGE_COLUMN, age, column, get, list, NAME_COLUMN, name, type Printer, record, str, strings } from './column.ts';

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Access modes abbreviated in kubectl's fixed order, whatever order the object lists them in. */
function accessModes(value: unknown): string {
  const modes = new Set(strings(value));
  return ACCESS_MODES.filter(([mode]) => modes.has(mode))
    .map(([, short]) => short)
    .join(',');
}

const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function storageClassOf(obj: KubeObject): string {
  return str(obj.metadata.annotations?.[STORAGE_CLASS_ANNOTATION]) || str(get(obj, 'spec', 'storageClassName'));
}

function phase(obj: KubeObject): string {
  return typeof obj.metadata.deletionTimestamp === 'string' ? 'Terminating' : str(get(obj, 'status', 'phase'));
}

const VOLUME_MODE_COLUMN = column(
  'VolumeMode',
  'Whether the volume is a filesystem or a raw block device.',
  'string',
  1,
);
const VAC_COLUMN = column('VolumeAttributesClass', 'The VolumeAttributesClass of the volume.');

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The phase of the claim.'),
    column('Volume', 'The binding reference to the PersistentVolume backing this claim.'),
    column('Capacity', 'The actual resources of the underlying volume.'),
    column('Access Modes', 'The access modes the volume has.'),
    column('StorageClass', 'The name of the StorageClass required by the claim.'),
    VAC_COLUMN,
    AGE_COLUMN,
    VOLUME_MODE_COLUMN,
  ],
  cells: (pvc, now) => {
    const volume = str(get(pvc, 'spec', 'volumeName'));
    const bound = volume !== '';
    return [
      name(pvc),
      phase(pvc),
      volume,
      bound ? str(get(pvc, 'status', 'capacity', 'storage')) : '',
      bound ? accessModes(get(pvc, 'status', 'accessModes')) : '',
      storageClassOf(pvc),
      str(get(pvc, 'spec', 'volumeAttributesClassName')) || '<unset>',
      age(pvc, now),
      str(get(pvc, 'spec', 'volumeMode')) || '<unset>',
    ];
  },
};

export const persistentVolumePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Capacity', 'The capacity of the volume.'),
    column('Access Modes', 'The ways the volume can be mounted.'),
    column('Reclaim Policy', 'What happens to the volume when released from its claim.'),
    column('Status', 'The phase of the volume.'),
    column('Claim', 'The claim bound to the volume.'),
    column('StorageClass', 'The name of the StorageClass the volume belongs to.'),
    VAC_COLUMN,
    column('Reason', 'A brief CamelCase string describing any failure.'),
    AGE_COLUMN,
    VOLUME_MODE_COLUMN,
  ],
  cells: (pv, now) => {
    const claim = record(get(pv, 'spec', 'claimRef'));
    const claimText = get(pv, 'spec', 'claimRef') === undefined ? '' : `${str(claim.namespace)}/${str(claim.name)}`;
    return [
      name(pv),
      str(get(pv, 'spec', 'capacity', 'storage')),
      accessModes(get(pv, 'spec', 'accessModes')),
      str(get(pv, 'spec', 'persistentVolumeReclaimPolicy')),
      phase(pv),
      claimText,
      storageClassOf(pv),
      str(get(pv, 'spec', 'volumeAttributesClassName')) || '<unset>',
      str(get(pv, 'status', 'reason')),
      age(pv, now),
      str(get(pv, 'spec', 'volumeMode')) || '<unset>',
    ];
  },
};

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const storageClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Provisioner', 'Indicates the type of the provisioner.'),
    column('ReclaimPolicy', 'Indicates the type of the reclaim policy.'),
    column('VolumeBindingMode', 'Indicates how PersistentVolumeClaims should be provisioned and bound.'),
    column('AllowVolumeExpansion', 'Indicates whether the storage class allow volume expand.'),
    AGE_COLUMN,
  ],
  cells: (sc, now) => {
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true');
    return [
      isDefault ? `${name(sc)} (default)` : name(sc),
      str(sc.provisioner),
      str(sc.reclaimPolicy) || 'Delete',
      str(sc.volumeBindingMode) || 'Immediate',
      sc.allowVolumeExpansion === true,
      age(sc, now),
    ];
  },
};

export const volumeAttachmentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Attacher', 'Attacher indicates the name of the volume driver.'),
    column('PV', 'Name of the persistent volume to attach.'),
    column('Node', 'The node the volume should be attached to.'),
    column('Attached', 'Whether the volume is attached.', 'boolean'),
    AGE_COLUMN,
  ],
  cells: (va, now) => [
    name(va),
    str(get(va, 'spec', 'attacher')),
    str(get(va, 'spec', 'source', 'persistentVolumeName')),
    str(get(va, 'spec', 'nodeName')),
    get(va, 'status', 'attached') === true,
    age(va, now),
  ],
};

export const csiNodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Drivers', 'Drivers indicates the number of CSI drivers on the node', 'integer'),
    AGE_COLUMN,
  ],
  cells: (node, now) => [name(node), list(get(node, 'spec', 'drivers')).length, age(node, now)],
};
