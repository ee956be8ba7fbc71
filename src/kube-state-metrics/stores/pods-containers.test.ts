import { describe } from 'node:test';
import { runFamilyCases } from './family-test-cases.ts';
import { bare, D, initializing, P1, PI, running, succeeded } from './pod-fixtures.ts';
import { podsResource } from './pods.ts';

describe('pods families: containers', () => {
  runFamilyCases(podsResource, [
    {
      name: 'kube_pod_completion_time',
      objects: [running, succeeded, bare],
      want: `
        # HELP kube_pod_completion_time [STABLE] Completion time in unix timestamp for a pod.
        # TYPE kube_pod_completion_time gauge
        kube_pod_completion_time{${D}} 1.4958243e+09
      `,
    },
    {
      name: 'kube_pod_container_info',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_info [STABLE] Information about a container in a pod.
        # TYPE kube_pod_container_info gauge
        kube_pod_container_info{${P1},container="app",image_spec="registry.example/app:1.0",image="registry.example/app@sha256:1",image_id="docker-pullable://registry.example/app@sha256:1",container_id="containerd://c1"} 1
        kube_pod_container_info{${P1},container="sidecar",image_spec="busybox",image="busybox:latest",image_id="docker-pullable://busybox@sha256:2",container_id="containerd://c2"} 1
      `,
    },
    {
      name: 'kube_pod_container_resource_limits',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_resource_limits [STABLE] The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.
        # TYPE kube_pod_container_resource_limits gauge
        kube_pod_container_resource_limits{${P1},container="app",node="node1",resource="cpu",unit="core"} 2
        kube_pod_container_resource_limits{${P1},container="app",node="node1",resource="memory",unit="byte"} 2e+08
      `,
    },
    {
      name: 'kube_pod_container_resource_requests',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_resource_requests [STABLE] The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.
        # TYPE kube_pod_container_resource_requests gauge
        kube_pod_container_resource_requests{${P1},container="app",node="node1",resource="cpu",unit="core"} 0.2
        kube_pod_container_resource_requests{${P1},container="app",node="node1",resource="memory",unit="byte"} 1e+08
        kube_pod_container_resource_requests{${P1},container="app",node="node1",resource="ephemeral_storage",unit="byte"} 3e+08
        kube_pod_container_resource_requests{${P1},container="app",node="node1",resource="storage",unit="byte"} 4e+08
        kube_pod_container_resource_requests{${P1},container="app",node="node1",resource="nvidia_com_gpu",unit="integer"} 1
        kube_pod_container_resource_requests{${P1},container="app",node="node1",resource="hugepages_2Mi",unit="byte"} 1.048576e+08
      `,
    },
    {
      name: 'kube_pod_container_state_started',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_state_started [STABLE] Start time in unix timestamp for a pod container.
        # TYPE kube_pod_container_state_started gauge
        kube_pod_container_state_started{${P1},container="app"} 1.4958241e+09
      `,
    },
    {
      name: 'kube_pod_container_status_last_terminated_reason',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_last_terminated_reason Describes the last reason the container was in terminated state.
        # TYPE kube_pod_container_status_last_terminated_reason gauge
        kube_pod_container_status_last_terminated_reason{${P1},container="app",reason="OOMKilled"} 1
        kube_pod_container_status_last_terminated_reason{${P1},container="sidecar",reason="Error"} 1
      `,
    },
    {
      name: 'kube_pod_container_status_last_terminated_exitcode',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_last_terminated_exitcode Describes the exit code for the last container in terminated state.
        # TYPE kube_pod_container_status_last_terminated_exitcode gauge
        kube_pod_container_status_last_terminated_exitcode{${P1},container="app"} 137
        kube_pod_container_status_last_terminated_exitcode{${P1},container="sidecar"} 1
      `,
    },
    {
      name: 'kube_pod_container_status_last_terminated_timestamp',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_last_terminated_timestamp Last terminated time for a pod container in unix timestamp.
        # TYPE kube_pod_container_status_last_terminated_timestamp gauge
        kube_pod_container_status_last_terminated_timestamp{${P1},container="app"} 1.49582409e+09
        kube_pod_container_status_last_terminated_timestamp{${P1},container="sidecar"} 1.4958243e+09
      `,
    },
    {
      name: 'kube_pod_container_status_ready',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_ready [STABLE] Describes whether the containers readiness check succeeded.
        # TYPE kube_pod_container_status_ready gauge
        kube_pod_container_status_ready{${P1},container="app"} 1
        kube_pod_container_status_ready{${P1},container="sidecar"} 0
      `,
    },
    {
      name: 'kube_pod_container_status_restarts_total',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_restarts_total [STABLE] The number of container restarts per container.
        # TYPE kube_pod_container_status_restarts_total counter
        kube_pod_container_status_restarts_total{${P1},container="app"} 3
        kube_pod_container_status_restarts_total{${P1},container="sidecar"} 7
      `,
    },
    {
      name: 'kube_pod_container_status_running',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_running [STABLE] Describes whether the container is currently in running state.
        # TYPE kube_pod_container_status_running gauge
        kube_pod_container_status_running{${P1},container="app"} 1
        kube_pod_container_status_running{${P1},container="sidecar"} 0
      `,
    },
    {
      name: 'kube_pod_container_status_terminated',
      objects: [running, succeeded],
      want: `
        # HELP kube_pod_container_status_terminated [STABLE] Describes whether the container is currently in terminated state.
        # TYPE kube_pod_container_status_terminated gauge
        kube_pod_container_status_terminated{${P1},container="app"} 0
        kube_pod_container_status_terminated{${P1},container="sidecar"} 0
        kube_pod_container_status_terminated{${D},container="a"} 1
        kube_pod_container_status_terminated{${D},container="b"} 1
      `,
    },
    {
      name: 'kube_pod_container_status_terminated_reason',
      objects: [running, succeeded],
      want: `
        # HELP kube_pod_container_status_terminated_reason Describes the reason the container is currently in terminated state.
        # TYPE kube_pod_container_status_terminated_reason gauge
        kube_pod_container_status_terminated_reason{${D},container="a",reason="Completed"} 1
        kube_pod_container_status_terminated_reason{${D},container="b",reason="Completed"} 1
      `,
    },
    {
      name: 'kube_pod_container_status_waiting',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_waiting [STABLE] Describes whether the container is currently in waiting state.
        # TYPE kube_pod_container_status_waiting gauge
        kube_pod_container_status_waiting{${P1},container="app"} 0
        kube_pod_container_status_waiting{${P1},container="sidecar"} 1
      `,
    },
    {
      name: 'kube_pod_container_status_waiting_reason',
      objects: [running, bare],
      want: `
        # HELP kube_pod_container_status_waiting_reason [STABLE] Describes the reason the container is currently in waiting state.
        # TYPE kube_pod_container_status_waiting_reason gauge
        kube_pod_container_status_waiting_reason{${P1},container="sidecar",reason="CrashLoopBackOff"} 1
      `,
    },
  ]);
});

describe('pods families: init containers', () => {
  runFamilyCases(podsResource, [
    {
      name: 'kube_pod_init_container_info',
      objects: [initializing, running],
      want: `
        # HELP kube_pod_init_container_info [STABLE] Information about an init container in a pod.
        # TYPE kube_pod_init_container_info gauge
        kube_pod_init_container_info{${PI},container="migrate",image_spec="migrate:1",image="migrate:1",image_id="sha256:m",container_id="containerd://m1",restart_policy=""} 1
        kube_pod_init_container_info{${PI},container="proxy",image_spec="proxy:1",image="proxy:1",image_id="sha256:p",container_id="containerd://p1",restart_policy="Always"} 1
        kube_pod_init_container_info{${PI},container="setup",image_spec="setup:1",image="setup:1",image_id="",container_id="",restart_policy=""} 1
      `,
    },
    {
      name: 'kube_pod_init_container_resource_limits',
      objects: [initializing, running],
      want: `
        # HELP kube_pod_init_container_resource_limits The number of requested limit resource by an init container.
        # TYPE kube_pod_init_container_resource_limits gauge
        kube_pod_init_container_resource_limits{${PI},container="migrate",node="node2",resource="cpu",unit="core"} 0.5
        kube_pod_init_container_resource_limits{${PI},container="migrate",node="node2",resource="memory",unit="byte"} 1.34217728e+08
      `,
    },
    {
      name: 'kube_pod_init_container_resource_requests',
      objects: [initializing, running],
      want: `
        # HELP kube_pod_init_container_resource_requests The number of requested request resource by an init container.
        # TYPE kube_pod_init_container_resource_requests gauge
        kube_pod_init_container_resource_requests{${PI},container="migrate",node="node2",resource="cpu",unit="core"} 0.1
        kube_pod_init_container_resource_requests{${PI},container="migrate",node="node2",resource="memory",unit="byte"} 6.7108864e+07
      `,
    },
    {
      name: 'kube_pod_init_container_state_started',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_state_started Start time in unix timestamp for a pod init container.
        # TYPE kube_pod_init_container_state_started gauge
        kube_pod_init_container_state_started{${PI},container="migrate"} 1.49582401e+09
        kube_pod_init_container_state_started{${PI},container="proxy"} 1.49582403e+09
      `,
    },
    {
      name: 'kube_pod_init_container_status_last_terminated_reason',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_last_terminated_reason Describes the last reason the init container was in terminated state.
        # TYPE kube_pod_init_container_status_last_terminated_reason gauge
        kube_pod_init_container_status_last_terminated_reason{${PI},container="migrate",reason="Error"} 1
      `,
    },
    {
      name: 'kube_pod_init_container_status_last_terminated_exitcode',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_last_terminated_exitcode Describes the exit code for the last init container in terminated state.
        # TYPE kube_pod_init_container_status_last_terminated_exitcode gauge
        kube_pod_init_container_status_last_terminated_exitcode{${PI},container="migrate"} 2
      `,
    },
    {
      name: 'kube_pod_init_container_status_last_terminated_timestamp',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_last_terminated_timestamp Last terminated time for a pod init container in unix timestamp.
        # TYPE kube_pod_init_container_status_last_terminated_timestamp gauge
        kube_pod_init_container_status_last_terminated_timestamp{${PI},container="migrate"} 1.495824005e+09
      `,
    },
    {
      name: 'kube_pod_init_container_status_ready',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_ready [STABLE] Describes whether the init containers readiness check succeeded.
        # TYPE kube_pod_init_container_status_ready gauge
        kube_pod_init_container_status_ready{${PI},container="migrate"} 1
        kube_pod_init_container_status_ready{${PI},container="proxy"} 0
        kube_pod_init_container_status_ready{${PI},container="setup"} 0
      `,
    },
    {
      name: 'kube_pod_init_container_status_restarts_total',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_restarts_total [STABLE] The number of restarts for the init container.
        # TYPE kube_pod_init_container_status_restarts_total counter
        kube_pod_init_container_status_restarts_total{${PI},container="migrate"} 1
        kube_pod_init_container_status_restarts_total{${PI},container="proxy"} 0
        kube_pod_init_container_status_restarts_total{${PI},container="setup"} 0
      `,
    },
    {
      name: 'kube_pod_init_container_status_running',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_running [STABLE] Describes whether the init container is currently in running state.
        # TYPE kube_pod_init_container_status_running gauge
        kube_pod_init_container_status_running{${PI},container="migrate"} 0
        kube_pod_init_container_status_running{${PI},container="proxy"} 1
        kube_pod_init_container_status_running{${PI},container="setup"} 0
      `,
    },
    {
      name: 'kube_pod_init_container_status_terminated',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_terminated [STABLE] Describes whether the init container is currently in terminated state.
        # TYPE kube_pod_init_container_status_terminated gauge
        kube_pod_init_container_status_terminated{${PI},container="migrate"} 1
        kube_pod_init_container_status_terminated{${PI},container="proxy"} 0
        kube_pod_init_container_status_terminated{${PI},container="setup"} 0
      `,
    },
    {
      name: 'kube_pod_init_container_status_terminated_reason',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_terminated_reason Describes the reason the init container is currently in terminated state.
        # TYPE kube_pod_init_container_status_terminated_reason gauge
        kube_pod_init_container_status_terminated_reason{${PI},container="migrate",reason="Completed"} 1
      `,
    },
    {
      name: 'kube_pod_init_container_status_waiting',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_waiting [STABLE] Describes whether the init container is currently in waiting state.
        # TYPE kube_pod_init_container_status_waiting gauge
        kube_pod_init_container_status_waiting{${PI},container="migrate"} 0
        kube_pod_init_container_status_waiting{${PI},container="proxy"} 0
        kube_pod_init_container_status_waiting{${PI},container="setup"} 1
      `,
    },
    {
      name: 'kube_pod_init_container_status_waiting_reason',
      objects: [initializing],
      want: `
        # HELP kube_pod_init_container_status_waiting_reason Describes the reason the init container is currently in waiting state.
        # TYPE kube_pod_init_container_status_waiting_reason gauge
        kube_pod_init_container_status_waiting_reason{${PI},container="setup",reason="PodInitializing"} 1
      `,
    },
  ]);
});
