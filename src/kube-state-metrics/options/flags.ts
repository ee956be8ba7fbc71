/**
 * kube-state-metrics' command line, flag for flag as v2.20.0 defines it (names, types, defaults,
 * help wording), including the klog flags it inherits. The flags fill a `KsmOptions`; the
 * `--config` file may then overlay it (config-file.ts) before validation (validate.ts).
 */
import { FlagError, FlagSet } from '../../shared/flags/flag-set.ts';
import { defaultResourceNames } from '../stores/index.ts';
import { addKlogFlags, INERT_KLOG_FLAGS, parseInt32, shown } from './klog-flags.ts';
import { type LabelsAllowList, parseLabelsAllowList } from './labels-allowlist.ts';

export interface KsmOptions {
  /** `--resources`; empty means the 32 defaults. */
  resources: string[];
  /** `--namespaces`; empty means all namespaces. */
  namespaces: string[];
  namespacesDenylist: string[];
  metricAllowlist: string[];
  metricDenylist: string[];
  metricOptInList: string[];
  labelsAllowList: LabelsAllowList;
  annotationsAllowList: LabelsAllowList;
  apiserver: string;
  kubeconfig: string;
  host: string;
  port: number;
  telemetryHost: string;
  telemetryPort: number;
  tlsConfig: string;
  shard: number;
  totalShards: number;
  pod: string;
  podNamespace: string;
  node: string;
  trackUnscheduledPods: boolean;
  useApiserverCache: boolean;
  objectLimit: number;
  enableGzipEncoding: boolean;
  authFilter: boolean;
  customResourceStateOnly: boolean;
  customResourceStateConfig: string;
  customResourceStateConfigFile: string;
  continueWithoutCustomResourceStateConfigFile: boolean;
  config: string;
  continueWithoutConfig: boolean;
  autoGoMemLimit: boolean;
  autoGoMemLimitRatio: number;
  /** Server timeouts, ms. */
  serverReadTimeoutMs: number;
  serverWriteTimeoutMs: number;
  serverIdleTimeoutMs: number;
  serverReadHeaderTimeoutMs: number;
  /** klog `-v`. */
  verbosity: number;
}

export const KSM_DESCRIPTION =
  'kube-state-metrics is a simple service that listens to the Kubernetes API server and generates metrics about the state of the objects.';

/** Flags accepted for compatibility whose feature this implementation does not provide. */
export const UNSUPPORTED_FLAGS: Record<string, string> = {
  'custom-resource-state-config': 'custom resource state metrics are not supported; the config is ignored',
  'custom-resource-state-config-file': 'custom resource state metrics are not supported; the file is ignored',
  'custom-resource-state-only': 'custom resource state metrics are not supported; no metrics will be served',
  'continue-without-custom-resource-state-config-file': 'custom resource state metrics are not supported',
  'auto-gomemlimit': 'there is no Go runtime here; use node --max-old-space-size to bound the heap',
  'auto-gomemlimit-ratio': 'there is no Go runtime here; the ratio is ignored',
};

/** Upstream's `ResourceSet`/`MetricSet`/`NamespaceList`: comma lists, trimmed, empties dropped, repeats accumulate. */
function stringList(typeName = 'string') {
  return {
    typeName,
    parse(text: string, previous: string[], changed: boolean): string[] {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const merged = changed ? [...previous, ...items] : items;
      return [...new Set(merged)];
    },
    format: (v: string[]) => v.join(','),
    isZero: () => true,
  };
}

function allowList() {
  return {
    typeName: 'string',
    parse(text: string, previous: LabelsAllowList, changed: boolean): LabelsAllowList {
      let parsed: LabelsAllowList;
      try {
        parsed = parseLabelsAllowList(text);
      } catch (err) {
        throw new FlagError((err as Error).message);
      }
      if (!changed) return parsed;
      return new Map([...previous, ...parsed]);
    },
    format: () => '',
    isZero: () => true,
  };
}

export { INERT_KLOG_FLAGS } from './klog-flags.ts';

export interface KsmFlags {
  flags: FlagSet;
  /** The options as parsed so far (call after `flags.parse`). */
  options(): KsmOptions;
}

export function ksmFlags(): KsmFlags {
  const flags = new FlagSet('kube-state-metrics', { description: KSM_DESCRIPTION });
  const s = flags.section('Flags');
  const resources = s.custom(
    'resources',
    [] as string[],
    `Comma-separated list of resources to be enabled. Defaults to "${defaultResourceNames.join(',')}"`,
    stringList(),
  );
  const namespaces = s.custom(
    'namespaces',
    [] as string[],
    'Comma-separated list of namespaces to be enabled. Defaults to ""',
    stringList(),
  );
  const namespacesDenylist = s.custom(
    'namespaces-denylist',
    [] as string[],
    'Comma-separated list of namespaces not to be enabled. If namespaces and namespaces-denylist are both set, only namespaces that are excluded in namespaces-denylist will be used.',
    stringList(),
  );
  const metricAllowlist = s.custom(
    'metric-allowlist',
    [] as string[],
    'Comma-separated list of metrics to be exposed. This list comprises of exact metric names and/or *ECMAScript-based* regex patterns. The allowlist and denylist are mutually exclusive.',
    stringList(),
  );
  const metricDenylist = s.custom(
    'metric-denylist',
    [] as string[],
    'Comma-separated list of metrics not to be enabled. This list comprises of exact metric names and/or *ECMAScript-based* regex patterns. The allowlist and denylist are mutually exclusive.',
    stringList(),
  );
  const metricOptInList = s.custom(
    'metric-opt-in-list',
    [] as string[],
    'Comma-separated list of metrics which are opt-in and not enabled by default. This is in addition to the metric allow- and denylists',
    stringList(),
  );
  const labelsUsage = (what: string, example: string, starSubject: string) =>
    `Comma-separated list of ${what === 'label' ? 'additional ' : ''}Kubernetes ${what} keys that will be used in the resource' labels metric. By default the ${what}s metrics are not exposed. To include them, provide a list of resource names in their plural form and Kubernetes ${what} keys you would like to allow for them (Example: '=namespaces=[${example},...],pods=[${what === 'label' ? 'app' : 'kubernetes.io/team'}],...)'. A single '*' can be provided per resource instead to allow any ${what}s, but that has severe performance implications (Example: '=pods=[*]'). Note that the full wildcard '*' is only effective when it is the first entry in the list; a '*' appearing after any other entry is ignored. Additionally, an asterisk (*) can be provided ${starSubject}, which will resolve to all resources, i.e., assuming '--resources=deployments,pods', '=*=[*]' will resolve to '=deployments=[*],pods=[*]'. Wildcards can also be used to match multiple ${what}s, but only a single '*' is supported per key pattern, i.e., '=pods=[something.example.org/foo-*]' will match ${what}s such as 'something.example.org/foo-bar' and 'something.example.org/foo-baz'.`;
  const labelsAllowList = s.custom(
    'metric-labels-allowlist',
    new Map() as LabelsAllowList,
    labelsUsage('label', 'k8s-label-1,k8s-label-n', 'as a key'),
    allowList(),
  );
  const annotationsAllowList = s.custom(
    'metric-annotations-allowlist',
    new Map() as LabelsAllowList,
    labelsUsage('annotation', 'kubernetes.io/team', 'for resources'),
    allowList(),
  );
  const apiserver = s.string('apiserver', '', 'The URL of the apiserver to use as a master');
  const kubeconfig = s.string('kubeconfig', '', 'Absolute path to the kubeconfig file');
  const host = s.string('host', '::', 'Host to expose metrics on.');
  const port = s.int('port', 8080, 'Port to expose metrics on.');
  const telemetryHost = s.string('telemetry-host', '::', 'Host to expose kube-state-metrics self metrics on.');
  const telemetryPort = s.int('telemetry-port', 8081, 'Port to expose kube-state-metrics self metrics on.');
  const tlsConfig = s.string('tls-config', '', 'Path to the TLS configuration file');
  const shard = s.custom(
    'shard',
    0,
    'The instances shard nominal (zero indexed) within the total number of shards.',
    shown('int32', parseInt32, String, true),
  );
  const totalShards = s.int(
    'total-shards',
    1,
    'The total number of shards. Sharding is disabled when total shards is set to 1.',
  );
  const autoShardingNote =
    'When set, it is expected that --pod and --pod-namespace are both set. Most likely this should be passed via the downward API. This is used for auto-detecting sharding. If set, this has preference over statically configured sharding. This is experimental, it may be removed without notice.';
  const pod = s.string(
    'pod',
    '',
    `Name of the pod that contains the kube-state-metrics container. ${autoShardingNote}`,
  );
  const podNamespace = s.string(
    'pod-namespace',
    '',
    `Name of the namespace of the pod specified by --pod. ${autoShardingNote}`,
  );
  const node = s.string(
    'node',
    '',
    'Name of the node that contains the kube-state-metrics pod. Most likely it should be passed via the downward API. This is used for daemonset sharding. Only available for resources (pod metrics) that support spec.nodeName fieldSelector. This is experimental.',
  );
  const trackUnscheduledPods = s.bool(
    'track-unscheduled-pods',
    false,
    'This configuration is used in conjunction with node configuration. When this configuration is true, node configuration is empty and the metric of unscheduled pods is fetched from the Kubernetes API Server. This is experimental.',
  );
  const useApiserverCache = s.bool(
    'use-apiserver-cache',
    false,
    'Sets resourceVersion=0 for ListWatch requests, using cached resources from the apiserver instead of an etcd quorum read.',
  );
  const objectLimit = s.int(
    'object-limit',
    0,
    'The total number of objects to list per resource from the API Server. (experimental)',
  );
  const enableGzipEncoding = s.bool(
    'enable-gzip-encoding',
    false,
    "Gzip responses when requested by clients via 'Accept-Encoding: gzip' header.",
  );
  const authFilter = s.bool(
    'auth-filter',
    false,
    'If true, requires authentication and authorization through Kubernetes API to access metrics endpoints',
  );
  const crsOnly = s.bool(
    'custom-resource-state-only',
    false,
    'Only provide Custom Resource State metrics (experimental)',
  );
  const crsConfig = s.string(
    'custom-resource-state-config',
    '',
    'Inline Custom Resource State Metrics config YAML (experimental)',
  );
  const crsConfigFile = s.string(
    'custom-resource-state-config-file',
    '',
    'Path to a Custom Resource State Metrics config file (experimental)',
  );
  const continueNote =
    'This is useful for scenarios where config file is not provided at startup but is provided later, for e.g., via configmap.';
  const crsContinue = s.bool(
    'continue-without-custom-resource-state-config-file',
    false,
    `If true, Kube-state-metrics continues to run even if the config file specified by --custom-resource-state-config-file is not present. ${continueNote} Kube-state-metrics will not exit with an error if the custom-resource-state-config file is not found, instead watches and reloads when it is created.`,
  );
  const config = s.string(
    'config',
    '',
    'Path to the kube-state-metrics options config YAML file. If this flag is set, the flags defined in the file override the command line flags.',
  );
  const continueWithoutConfig = s.bool(
    'continue-without-config',
    false,
    `If true, kube-state-metrics continues to run even if the config file specified by --config is not present. ${continueNote} Kube-state-metrics will not exit with an error if the config file is not found, instead watches and reloads when it is created.`,
  );
  const autoGoMemLimit = s.bool(
    'auto-gomemlimit',
    false,
    'Automatically set GOMEMLIMIT to match container or system memory limit. (experimental)',
  );
  const autoGoMemLimitRatio = s.float(
    'auto-gomemlimit-ratio',
    0.9,
    'The ratio of reserved GOMEMLIMIT memory to the detected maximum container or system memory. (experimental)',
  );
  const scrapeAlign = 'Align with the scrape interval or timeout of scraping clients.';
  const readTimeout = s.duration(
    'server-read-timeout',
    60_000,
    `The maximum duration for reading the entire request, including the body. ${scrapeAlign} `,
  );
  const writeTimeout = s.duration(
    'server-write-timeout',
    60_000,
    `The maximum duration before timing out writes of the response. ${scrapeAlign}.`,
  );
  const idleTimeout = s.duration(
    'server-idle-timeout',
    300_000,
    'The maximum amount of time to wait for the next request when keep-alives are enabled. Align with the idletimeout of your scrape clients.',
  );
  const readHeaderTimeout = s.duration(
    'server-read-header-timeout',
    5_000,
    'The maximum duration for reading the header of requests.',
  );
  // `-h` is a real flag in cobra's listing; `--help` is also caught by the parser itself.
  const help = s.bool('help', false, 'Print Help text', { shorthand: 'h' });

  const verbosity = addKlogFlags(s);

  const options = (): KsmOptions => {
    if (help.value) flags.helpRequested = true;
    return {
      resources: resources.value,
      namespaces: namespaces.value,
      namespacesDenylist: namespacesDenylist.value,
      metricAllowlist: metricAllowlist.value,
      metricDenylist: metricDenylist.value,
      metricOptInList: metricOptInList.value,
      labelsAllowList: labelsAllowList.value,
      annotationsAllowList: annotationsAllowList.value,
      apiserver: apiserver.value,
      kubeconfig: kubeconfig.value,
      host: host.value,
      port: port.value,
      telemetryHost: telemetryHost.value,
      telemetryPort: telemetryPort.value,
      tlsConfig: tlsConfig.value,
      shard: shard.value,
      totalShards: totalShards.value,
      pod: pod.value,
      podNamespace: podNamespace.value,
      node: node.value,
      trackUnscheduledPods: trackUnscheduledPods.value,
      useApiserverCache: useApiserverCache.value,
      objectLimit: objectLimit.value,
      enableGzipEncoding: enableGzipEncoding.value,
      authFilter: authFilter.value,
      customResourceStateOnly: crsOnly.value,
      customResourceStateConfig: crsConfig.value,
      customResourceStateConfigFile: crsConfigFile.value,
      continueWithoutCustomResourceStateConfigFile: crsContinue.value,
      config: config.value,
      continueWithoutConfig: continueWithoutConfig.value,
      autoGoMemLimit: autoGoMemLimit.value,
      autoGoMemLimitRatio: autoGoMemLimitRatio.value,
      serverReadTimeoutMs: readTimeout.value,
      serverWriteTimeoutMs: writeTimeout.value,
      serverIdleTimeoutMs: idleTimeout.value,
      serverReadHeaderTimeoutMs: readHeaderTimeout.value,
      verbosity: verbosity.value,
    };
  };
  return { flags, options };
}

/** Flags given on the command line that parse but have no effect here, for startup warnings. */
export function inertFlagsUsed(flags: FlagSet): string[] {
  const out: string[] = [];
  for (const name of [...INERT_KLOG_FLAGS, 'logtostderr', ...Object.keys(UNSUPPORTED_FLAGS)]) {
    const flag = flags.lookup(name);
    // `--logtostderr=true` asks for what happens anyway.
    if (flag?.changed && !(name === 'logtostderr' && flag.value === true)) out.push(name);
  }
  return out;
}

/** cobra's help: description, usage with the subcommands, then the one flag list. */
export function helpText(flags: FlagSet): string {
  const generated = flags.help();
  const marker = 'Flags:\n\n';
  const usages = generated.slice(generated.indexOf(marker) + marker.length);
  return `${KSM_DESCRIPTION}\n\n${usageText(usages)}`;
}

function usageText(usages: string): string {
  return (
    'Usage:\n  kube-state-metrics [flags]\n  kube-state-metrics [command]\n\n' +
    'Available Commands:\n' +
    '  completion  Generate completion script for kube-state-metrics.\n' +
    '  help        Help about any command\n' +
    '  version     Print version information.\n\n' +
    `Flags:\n${usages}\n` +
    'Use "kube-state-metrics [command] --help" for more information about a command.\n'
  );
}
