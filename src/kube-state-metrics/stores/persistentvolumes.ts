/** `persistentvolumes` (v1 PersistentVolume, cluster-scoped): 11 families, default label `persistentvolume`. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, gauge, labelsFamily, optIn } from './family-builders.ts';
import {
  arr,
  createdMetric,
  deletionTimestampMetric,
  nameLabel,
  num,
  obj,
  quantityValue,
  sample,
  str,
} from './store-utils.ts';

const PHASES = ['Pending', 'Available', 'Bound', 'Released', 'Failed'];

const INFO_LABELS = [
  'storageclass',
  'gce_persistent_disk_name',
  'ebs_volume_id',
  'azure_disk_name',
  'fc_wwids',
  'fc_lun',
  'fc_target_wwns',
  'iscsi_target_portal',
  'iscsi_iqn',
  'iscsi_lun',
  'iscsi_initiator_name',
  'nfs_server',
  'nfs_path',
  'csi_driver',
  'csi_volume_handle',
  'local_path',
  'local_fs',
  'host_path',
  'host_path_type',
  'reclaim_policy',
];

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function intLabel(v: unknown): string {
  const n = num(v);
  return n === undefined ? '' : String(Math.trunc(n));
}

/** Only the first volume source present (in upstream's order) fills its labels; the rest stay empty. */
function info(p: KubeObject): Metric[] {
  const spec = obj(p.spec);
  const v: Record<string, string> = {};
  if (isSet(spec.gcePersistentDisk)) {
    v.gce_persistent_disk_name = str(obj(spec.gcePersistentDisk).pdName);
  } else if (isSet(spec.awsElasticBlockStore)) {
    v.ebs_volume_id = str(obj(spec.awsElasticBlockStore).volumeID);
  } else if (isSet(spec.azureDisk)) {
    v.azure_disk_name = str(obj(spec.azureDisk).diskName);
  } else if (isSet(spec.fc)) {
    const fc = obj(spec.fc);
    v.fc_lun = isSet(fc.lun) ? intLabel(fc.lun) : '';
    v.fc_target_wwns = arr(fc.targetWWNs).map(str).join(',');
    v.fc_wwids = arr(fc.wwids).map(str).join(',');
  } else if (isSet(spec.iscsi)) {
    const iscsi = obj(spec.iscsi);
    v.iscsi_target_portal = str(iscsi.targetPortal);
    v.iscsi_iqn = str(iscsi.iqn);
    // A plain int32 in Go: absent reads as 0.
    v.iscsi_lun = intLabel(iscsi.lun) || '0';
    v.iscsi_initiator_name = str(iscsi.initiatorName);
  } else if (isSet(spec.nfs)) {
    v.nfs_server = str(obj(spec.nfs).server);
    v.nfs_path = str(obj(spec.nfs).path);
  } else if (isSet(spec.csi)) {
    v.csi_driver = str(obj(spec.csi).driver);
    v.csi_volume_handle = str(obj(spec.csi).volumeHandle);
  } else if (isSet(spec.local)) {
    v.local_path = str(obj(spec.local).path);
    v.local_fs = str(obj(spec.local).fsType);
  } else if (isSet(spec.hostPath)) {
    v.host_path = str(obj(spec.hostPath).path);
    v.host_path_type = str(obj(spec.hostPath).type);
  }
  v.storageclass = str(spec.storageClassName);
  v.reclaim_policy = str(spec.persistentVolumeReclaimPolicy);
  return [
    sample(
      1,
      INFO_LABELS,
      INFO_LABELS.map((k) => v[k] ?? ''),
    ),
  ];
}

function csiAttributes(p: KubeObject): Metric[] {
  const csi = obj(p.spec).csi;
  if (!isSet(csi)) return [];
  const attrs = obj(obj(csi).volumeAttributes);
  return [sample(1, ['csi_mounter', 'csi_map_options'], [str(attrs.mounter), str(attrs.mapOptions)])];
}

export const persistentvolumesResource: ResourceDefinition = {
  name: 'persistentvolumes',
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: nameLabel('persistentvolume'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge(
      'kube_persistentvolume_claim_ref',
      'STABLE',
      'Information about the Persistent Volume Claim Reference.',
      (p) => {
        const ref = obj(p.spec).claimRef;
        if (!isSet(ref)) return [];
        return [sample(1, ['name', 'claim_namespace'], [str(obj(ref).name), str(obj(ref).namespace)])];
      },
    ),
    annotationsFamily('kube_persistentvolume_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_persistentvolume_labels', 'STABLE', allowLabels),
    gauge(
      'kube_persistentvolume_status_phase',
      'STABLE',
      'The phase indicates if a volume is available, bound to a claim, or released by a claim.',
      (p) => {
        const phase = str(obj(p.status).phase);
        if (phase === '') return [];
        return PHASES.map((ph) => sample(ph === phase ? 1 : 0, ['phase'], [ph]));
      },
    ),
    gauge('kube_persistentvolume_info', 'STABLE', 'Information about persistentvolume.', info),
    gauge('kube_persistentvolume_capacity_bytes', 'STABLE', 'Persistentvolume capacity in bytes.', (p) => [
      sample(quantityValue(obj(obj(p.spec).capacity).storage) ?? 0),
    ]),
    gauge('kube_persistentvolume_created', 'ALPHA', 'Unix creation timestamp', createdMetric),
    gauge('kube_persistentvolume_deletion_timestamp', 'ALPHA', 'Unix deletion timestamp', deletionTimestampMetric),
    optIn(
      gauge('kube_persistentvolume_csi_attributes', 'ALPHA', 'CSI attributes of the Persistent Volume.', csiAttributes),
    ),
    gauge('kube_persistentvolume_volume_mode', 'ALPHA', 'Volume Mode information for the PersistentVolume.', (p) => {
      const mode = obj(p.spec).volumeMode;
      // Filesystem is what the API server means by an omitted volumeMode.
      return [sample(1, ['volumemode'], [typeof mode === 'string' ? mode : 'Filesystem'])];
    }),
    gauge('kube_persistentvolume_access_mode', 'ALPHA', 'The access mode(s) specified by the persistent volume.', (p) =>
      arr(obj(p.spec).accessModes).map((m) => sample(1, ['access_mode'], [str(m)])),
    ),
  ],
};
