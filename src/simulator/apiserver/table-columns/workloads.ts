/** Columns of the pod controllers: deployments, replica sets, stateful sets, daemon sets, RCs, revisions. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import {
  AGE_COLUMN,
  age,
  CONTAINERS_COLUMN,
  column,
  formatLabelSelector,
  formatLabels,
  get,
  IMAGES_COLUMN,
  int,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  SELECTOR_COLUMN,
  str,
  templateContainers,
} from './column.ts';

/** `spec.replicas`, which the API server defaults to 1. */
function desired(obj: KubeObject): number {
  const replicas = get(obj, 'spec', 'replicas');
  return typeof replicas === 'number' ? Math.trunc(replicas) : 1;
}

function status(obj: KubeObject, field: string): number {
  return int(get(obj, 'status', field));
}

function template(obj: KubeObject): [string, string] {
  return templateContainers(get(obj, 'spec', 'template', 'spec'));
}

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    column(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (obj, now) => [
    name(obj),
    `${status(obj, 'readyReplicas')}/${desired(obj)}`,
    status(obj, 'updatedReplicas'),
    status(obj, 'availableReplicas'),
    age(obj, now),
    ...template(obj),
    formatLabelSelector(get(obj, 'spec', 'selector')),
  ],
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'Number of desired pods.', 'integer'),
    column('Current', 'Number of pods currently running.', 'integer'),
    column('Ready', 'Number of pods targeted by this ReplicaSet with a Ready Condition.', 'integer'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (obj, now) => [
    name(obj),
    desired(obj),
    status(obj, 'replicas'),
    status(obj, 'readyReplicas'),
    age(obj, now),
    ...template(obj),
    formatLabelSelector(get(obj, 'spec', 'selector')),
  ],
};

export const replicationControllerPrinter: Printer = {
  columns: replicaSetPrinter.columns,
  cells: (obj, now) => [
    name(obj),
    desired(obj),
    status(obj, 'replicas'),
    status(obj, 'readyReplicas'),
    age(obj, now),
    ...template(obj),
    formatLabels(get(obj, 'spec', 'selector')),
  ],
};

export const statefulSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Number of the pod with ready state'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  cells: (obj, now) => [name(obj), `${status(obj, 'readyReplicas')}/${desired(obj)}`, age(obj, now), ...template(obj)],
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'The total number of nodes that should be running the daemon pod.', 'integer'),
    column('Current', 'The number of nodes that are running at least one daemon pod.', 'integer'),
    column('Ready', 'The number of nodes that should be running the daemon pod and have a ready pod.', 'integer'),
    column('Up-to-date', 'The total number of nodes that are running the updated daemon pod.', 'integer'),
    column(
      'Available',
      'The number of nodes that should be running the daemon pod and have an available pod.',
      'integer',
    ),
    column('Node Selector', 'Selector the pods must match to be scheduled on a node.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (obj, now) => [
    name(obj),
    status(obj, 'desiredNumberScheduled'),
    status(obj, 'currentNumberScheduled'),
    status(obj, 'numberReady'),
    status(obj, 'updatedNumberScheduled'),
    status(obj, 'numberAvailable'),
    formatLabels(get(obj, 'spec', 'template', 'spec', 'nodeSelector')),
    age(obj, now),
    ...template(obj),
    formatLabelSelector(get(obj, 'spec', 'selector')),
  ],
};

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'Controller of the object'),
    column('Revision', 'Revision indicates the revision of the state represented by Data.', 'integer'),
    AGE_COLUMN,
  ],
  cells: (obj, now) => {
    const owner = list(obj.metadata.ownerReferences).find((o) => o.controller === true);
    let controller = NONE;
    if (owner) {
      const group = str(owner.apiVersion).includes('/') ? str(owner.apiVersion).split('/')[0] : '';
      controller = `${str(owner.kind).toLowerCase()}${group ? `.${group}` : ''}/${str(owner.name)}`;
    }
    return [name(obj), controller, int(get(obj, 'revision')), age(obj, now)];
  },
};
