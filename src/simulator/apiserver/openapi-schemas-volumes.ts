/**
 * The in-tree volume sources, shared by pod volumes and persistent volumes. Rarely used, but a
 * manifest that carries one must find it in the schema, or kubectl 1.29+ warns on apply.
 */
import { type Fields, listOf } from './openapi-type-notation.ts';

const strs = listOf('string');
const secretRef = { name: 'string', namespace: 'string' };

export const IN_TREE_VOLUME_SOURCES: Fields = {
  gcePersistentDisk: { pdName: 'string', fsType: 'string', partition: 'integer', readOnly: 'boolean' },
  awsElasticBlockStore: { volumeID: 'string', fsType: 'string', partition: 'integer', readOnly: 'boolean' },
  gitRepo: { repository: 'string', revision: 'string', directory: 'string' },
  iscsi: {
    targetPortal: 'string',
    iqn: 'string',
    lun: 'integer',
    iscsiInterface: 'string',
    fsType: 'string',
    readOnly: 'boolean',
    portals: strs,
    chapAuthDiscovery: 'boolean',
    chapAuthSession: 'boolean',
    secretRef,
    initiatorName: 'string',
  },
  glusterfs: { endpoints: 'string', endpointsNamespace: 'string', path: 'string', readOnly: 'boolean' },
  rbd: {
    monitors: strs,
    image: 'string',
    fsType: 'string',
    pool: 'string',
    user: 'string',
    keyring: 'string',
    secretRef,
    readOnly: 'boolean',
  },
  flexVolume: { driver: 'string', fsType: 'string', secretRef, readOnly: 'boolean', options: 'map' },
  cinder: { volumeID: 'string', fsType: 'string', readOnly: 'boolean', secretRef },
  cephfs: {
    monitors: strs,
    path: 'string',
    user: 'string',
    secretFile: 'string',
    secretRef,
    readOnly: 'boolean',
  },
  flocker: { datasetName: 'string', datasetUUID: 'string' },
  fc: { targetWWNs: strs, lun: 'integer', fsType: 'string', readOnly: 'boolean', wwids: strs },
  azureFile: { secretName: 'string', secretNamespace: 'string', shareName: 'string', readOnly: 'boolean' },
  vsphereVolume: { volumePath: 'string', fsType: 'string', storagePolicyName: 'string', storagePolicyID: 'string' },
  quobyte: {
    registry: 'string',
    volume: 'string',
    readOnly: 'boolean',
    user: 'string',
    group: 'string',
    tenant: 'string',
  },
  azureDisk: {
    diskName: 'string',
    diskURI: 'string',
    cachingMode: 'string',
    fsType: 'string',
    readOnly: 'boolean',
    kind: 'string',
  },
  photonPersistentDisk: { pdID: 'string', fsType: 'string' },
  portworxVolume: { volumeID: 'string', fsType: 'string', readOnly: 'boolean' },
  scaleIO: {
    gateway: 'string',
    system: 'string',
    secretRef,
    sslEnabled: 'boolean',
    protectionDomain: 'string',
    storagePool: 'string',
    storageMode: 'string',
    volumeName: 'string',
    fsType: 'string',
    readOnly: 'boolean',
  },
  storageos: { volumeName: 'string', volumeNamespace: 'string', fsType: 'string', readOnly: 'boolean', secretRef },
};
