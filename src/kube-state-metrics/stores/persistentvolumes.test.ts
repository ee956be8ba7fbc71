import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { runFamilyCases } from './family-test-cases.ts';
import { persistentvolumesResource } from './persistentvolumes.ts';

const pv = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta = {}) => ({
  metadata: { name, uid: `uid-${name}`, ...meta },
  spec,
  status,
});

const bound: KubeObject = pv(
  'pv-bound',
  {
    storageClassName: 'standard',
    persistentVolumeReclaimPolicy: 'Retain',
    capacity: { storage: '5Gi' },
    claimRef: { kind: 'PersistentVolumeClaim', name: 'pvc-data', namespace: 'default' },
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
    volumeMode: 'Block',
    csi: {
      driver: 'test-driver',
      volumeHandle: 'test-volume-handle',
      volumeAttributes: { mounter: 'rbd', mapOptions: 'krbd:rxbounce', other: 'x' },
    },
  },
  { phase: 'Bound' },
  {
    creationTimestamp: '2017-05-26T18:40:00Z',
    deletionTimestamp: '2017-05-26T18:41:40Z',
    labels: { app: 'mysql-server' },
    annotations: { 'pv.kubernetes.io/provisioned-by': 'csi' },
  },
);
const nfs = pv('pv-nfs', { nfs: { server: 'nfs.example', path: '/exports/a' } }, { phase: 'Available' });
const fc = pv('pv-fc', { fc: { lun: 123, targetWWNs: ['0123', '4567'], wwids: ['0123', '4567'] } });
const iscsi = pv('pv-iscsi', {
  iscsi: { targetPortal: '1.2.3.4:3260', iqn: 'iqn.2001-04.com.example:storage', initiatorName: 'iqn.init' },
});
const hostPath = pv('pv-host', { hostPath: { path: '/data', type: 'DirectoryOrCreate' }, gcePersistentDisk: null });
const local = pv('pv-local', { local: { path: '/mnt/disk', fsType: 'ext4' } });
const gce = pv('pv-gce', { gcePersistentDisk: { pdName: 'disk-1' }, nfs: { server: 'ignored' } });
const ebs = pv('pv-ebs', { awsElasticBlockStore: { volumeID: 'vol-1' } });
const azure = pv('pv-azure', { azureDisk: { diskName: 'azdisk' } });

const EMPTY_INFO = Object.fromEntries(
  [
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
  ].map((k) => [k, '']),
);
const infoLine = (name: string, set: Record<string, string>) =>
  `kube_persistentvolume_info{persistentvolume="${name}",${Object.entries({ ...EMPTY_INFO, ...set })
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}} 1`;

describe('persistentvolumes families', () => {
  runFamilyCases(persistentvolumesResource, [
    {
      name: 'kube_persistentvolume_claim_ref',
      objects: [bound, nfs],
      want: `
        # HELP kube_persistentvolume_claim_ref [STABLE] Information about the Persistent Volume Claim Reference.
        # TYPE kube_persistentvolume_claim_ref gauge
        kube_persistentvolume_claim_ref{persistentvolume="pv-bound",name="pvc-data",claim_namespace="default"} 1
      `,
    },
    {
      name: 'kube_persistentvolume_status_phase',
      objects: [bound, nfs, fc],
      want: `
        # HELP kube_persistentvolume_status_phase [STABLE] The phase indicates if a volume is available, bound to a claim, or released by a claim.
        # TYPE kube_persistentvolume_status_phase gauge
        kube_persistentvolume_status_phase{persistentvolume="pv-bound",phase="Pending"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-bound",phase="Available"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-bound",phase="Bound"} 1
        kube_persistentvolume_status_phase{persistentvolume="pv-bound",phase="Released"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-bound",phase="Failed"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-nfs",phase="Pending"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-nfs",phase="Available"} 1
        kube_persistentvolume_status_phase{persistentvolume="pv-nfs",phase="Bound"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-nfs",phase="Released"} 0
        kube_persistentvolume_status_phase{persistentvolume="pv-nfs",phase="Failed"} 0
      `,
    },
    {
      name: 'kube_persistentvolume_info for each volume source',
      objects: [bound, nfs, fc, iscsi, hostPath, local, gce, ebs, azure],
      want: `
        # HELP kube_persistentvolume_info [STABLE] Information about persistentvolume.
        # TYPE kube_persistentvolume_info gauge
        ${infoLine('pv-bound', { storageclass: 'standard', csi_driver: 'test-driver', csi_volume_handle: 'test-volume-handle', reclaim_policy: 'Retain' })}
        ${infoLine('pv-nfs', { nfs_server: 'nfs.example', nfs_path: '/exports/a' })}
        ${infoLine('pv-fc', { fc_lun: '123', fc_target_wwns: '0123,4567', fc_wwids: '0123,4567' })}
        ${infoLine('pv-iscsi', { iscsi_target_portal: '1.2.3.4:3260', iscsi_iqn: 'iqn.2001-04.com.example:storage', iscsi_lun: '0', iscsi_initiator_name: 'iqn.init' })}
        ${infoLine('pv-host', { host_path: '/data', host_path_type: 'DirectoryOrCreate' })}
        ${infoLine('pv-local', { local_path: '/mnt/disk', local_fs: 'ext4' })}
        ${infoLine('pv-gce', { gce_persistent_disk_name: 'disk-1' })}
        ${infoLine('pv-ebs', { ebs_volume_id: 'vol-1' })}
        ${infoLine('pv-azure', { azure_disk_name: 'azdisk' })}
      `,
    },
    {
      name: 'kube_persistentvolume_capacity_bytes',
      objects: [bound, nfs],
      want: `
        # HELP kube_persistentvolume_capacity_bytes [STABLE] Persistentvolume capacity in bytes.
        # TYPE kube_persistentvolume_capacity_bytes gauge
        kube_persistentvolume_capacity_bytes{persistentvolume="pv-bound"} 5.36870912e+09
        kube_persistentvolume_capacity_bytes{persistentvolume="pv-nfs"} 0
      `,
    },
    {
      name: 'kube_persistentvolume_created and _deletion_timestamp',
      objects: [bound, nfs],
      want: `
        # HELP kube_persistentvolume_created Unix creation timestamp
        # TYPE kube_persistentvolume_created gauge
        kube_persistentvolume_created{persistentvolume="pv-bound"} 1.495824e+09
        # HELP kube_persistentvolume_deletion_timestamp Unix deletion timestamp
        # TYPE kube_persistentvolume_deletion_timestamp gauge
        kube_persistentvolume_deletion_timestamp{persistentvolume="pv-bound"} 1.4958241e+09
      `,
    },
    {
      name: 'kube_persistentvolume_csi_attributes (opt-in)',
      objects: [bound, nfs],
      want: `
        # HELP kube_persistentvolume_csi_attributes CSI attributes of the Persistent Volume.
        # TYPE kube_persistentvolume_csi_attributes gauge
        kube_persistentvolume_csi_attributes{persistentvolume="pv-bound",csi_mounter="rbd",csi_map_options="krbd:rxbounce"} 1
      `,
    },
    {
      name: 'kube_persistentvolume_volume_mode',
      objects: [bound, nfs],
      want: `
        # HELP kube_persistentvolume_volume_mode Volume Mode information for the PersistentVolume.
        # TYPE kube_persistentvolume_volume_mode gauge
        kube_persistentvolume_volume_mode{persistentvolume="pv-bound",volumemode="Block"} 1
        kube_persistentvolume_volume_mode{persistentvolume="pv-nfs",volumemode="Filesystem"} 1
      `,
    },
    {
      name: 'kube_persistentvolume_access_mode',
      objects: [bound, nfs],
      want: `
        # HELP kube_persistentvolume_access_mode The access mode(s) specified by the persistent volume.
        # TYPE kube_persistentvolume_access_mode gauge
        kube_persistentvolume_access_mode{persistentvolume="pv-bound",access_mode="ReadWriteOnce"} 1
        kube_persistentvolume_access_mode{persistentvolume="pv-bound",access_mode="ReadOnlyMany"} 1
      `,
    },
    {
      name: 'kube_persistentvolume_annotations and _labels',
      objects: [bound],
      allowLabels: ['app'],
      allowAnnotations: ['pv.kubernetes.io/*'],
      want: `
        # HELP kube_persistentvolume_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_persistentvolume_annotations gauge
        kube_persistentvolume_annotations{persistentvolume="pv-bound",annotation_pv_kubernetes_io_provisioned_by="csi"} 1
        # HELP kube_persistentvolume_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_persistentvolume_labels gauge
        kube_persistentvolume_labels{persistentvolume="pv-bound",label_app="mysql-server"} 1
      `,
    },
  ]);
});
