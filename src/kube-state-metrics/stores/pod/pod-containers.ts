/**
 * Per-container pod families. Regular and init containers share the bodies; `init` picks
 * `initContainers` / `initContainerStatuses`. Names, HELP and stability differ per kind and live
 * in `pods.ts`, which lists the families in upstream's order.
 */
import type { KubeObject } from '../../../shared/kube/object.ts';
import type { Metric } from '../../metric/family.ts';
import { containerResourceSamples } from '../resource-units.ts';
import { num, obj, sample, str } from '../store-utils.ts';
import { containerStatuses, goUnix, podSpec, present, specContainers } from './pod-fields.ts';

type Body = (p: KubeObject) => Metric[];

const CONTAINER = ['container'];
const CONTAINER_REASON = ['container', 'reason'];
const INFO = ['container', 'image_spec', 'image', 'image_id', 'container_id'];
const INIT_INFO = [...INFO, 'restart_policy'];
const RESOURCE = ['container', 'node', 'resource', 'unit'];

/** One series per container that has a status: spec image next to the image actually running. */
export function containerInfo(init: boolean): Body {
  return (p) => {
    const out: Metric[] = [];
    const statuses = containerStatuses(p, init);
    for (const c of specContainers(p, init)) {
      for (const cs of statuses) {
        if (cs.name !== c.name) continue;
        const values = [str(cs.name), str(c.image), str(cs.image), str(cs.imageID), str(cs.containerID)];
        if (init) values.push(str(c.restartPolicy));
        out.push(sample(1, init ? INIT_INFO : INFO, values));
      }
    }
    return out;
  };
}

/** Requests or limits of every container in the spec, with the pod's node. */
export function containerResources(init: boolean, field: 'requests' | 'limits'): Body {
  return (p) => {
    const node = str(podSpec(p).nodeName);
    const out: Metric[] = [];
    for (const c of specContainers(p, init)) {
      for (const r of containerResourceSamples(obj(c.resources)[field])) {
        out.push(sample(r.value, RESOURCE, [str(c.name), node, r.resource, r.unit]));
      }
    }
    return out;
  };
}

/** Start time of the current run, whether still running or already terminated. */
export function stateStarted(init: boolean): Body {
  return (p) => {
    const out: Metric[] = [];
    for (const cs of containerStatuses(p, init)) {
      const state = obj(cs.state);
      if (present(state.running)) out.push(sample(goUnix(state.running.startedAt), CONTAINER, [str(cs.name)]));
      else if (present(state.terminated))
        out.push(sample(goUnix(state.terminated.startedAt), CONTAINER, [str(cs.name)]));
    }
    return out;
  };
}

/** One 0/1 series per container status: is it in `state`? */
export function inState(init: boolean, state: 'waiting' | 'running' | 'terminated'): Body {
  return (p) =>
    containerStatuses(p, init).map((cs) => sample(present(obj(cs.state)[state]) ? 1 : 0, CONTAINER, [str(cs.name)]));
}

/** The reason of the current waiting/terminated state, only for containers in that state. */
export function stateReason(init: boolean, state: 'waiting' | 'terminated'): Body {
  return (p) => {
    const out: Metric[] = [];
    for (const cs of containerStatuses(p, init)) {
      const s = obj(cs.state)[state];
      if (present(s)) out.push(sample(1, CONTAINER_REASON, [str(cs.name), str(s.reason)]));
    }
    return out;
  };
}

/** Something about the previous termination (`lastState.terminated`), for containers that have one. */
export function lastTerminated(init: boolean, what: 'reason' | 'exitcode' | 'timestamp'): Body {
  return (p) => {
    const out: Metric[] = [];
    for (const cs of containerStatuses(p, init)) {
      const t = obj(cs.lastState).terminated;
      if (!present(t)) continue;
      const name = str(cs.name);
      if (what === 'reason') out.push(sample(1, CONTAINER_REASON, [name, str(t.reason)]));
      else if (what === 'exitcode') out.push(sample(num(t.exitCode) ?? 0, CONTAINER, [name]));
      else out.push(sample(goUnix(t.finishedAt), CONTAINER, [name]));
    }
    return out;
  };
}

export function ready(init: boolean): Body {
  return (p) => containerStatuses(p, init).map((cs) => sample(cs.ready === true ? 1 : 0, CONTAINER, [str(cs.name)]));
}

export function restarts(init: boolean): Body {
  return (p) => containerStatuses(p, init).map((cs) => sample(num(cs.restartCount) ?? 0, CONTAINER, [str(cs.name)]));
}

/** Latest `finishedAt` among terminated (regular) containers; nothing until one has finished. */
export function completionTime(p: KubeObject): Metric[] {
  let last = 0;
  for (const cs of containerStatuses(p, false)) {
    const t = obj(cs.state).terminated;
    if (!present(t)) continue;
    const finished = goUnix(t.finishedAt);
    if (last === 0 || last < finished) last = finished;
  }
  return last > 0 ? [sample(last)] : [];
}
