/**
 * metrics-server's command line: every upstream v0.9 flag, in upstream's `--help` sections and
 * order, so existing manifests and Helm values keep working. Flags upstream accepts without
 * effect (audit log, profiling, emulation) are parsed and validated and then ignored;
 * docs/metrics-server.md lists them.
 */
import { FlagSet, type FlagSet as FlagSetType } from '../../shared/flags/flag-set.ts';
import { defineAuditLogFlags } from './audit-flags.ts';
import { FEATURE_GATES, INT32_SLICE, IP, LEVEL, NAMED_CERT_KEY, type NamedCertKey, QUANTITY } from './flag-types.ts';

export const METRICS_SERVER_DESCRIPTION = 'Launch metrics-server';

export type { NamedCertKey } from './flag-types.ts';

/** Everything the flags say, with durations in ms. Files are named here and read by `buildConfig`. */
export interface MetricsServerOptions {
  kubeconfig: string;
  metricResolutionMs: number;
  showVersion: boolean;
  generic: {
    maxRequestsInflight: number;
    maxMutatingRequestsInflight: number;
    requestTimeoutMs: number;
    minRequestTimeoutSeconds: number;
    shutdownDelayMs: number;
    livezGracePeriodMs: number;
    goawayChance: number;
    featureGates: Record<string, string>;
  };
  kubelet: {
    port: number;
    useNodeStatusPort: boolean;
    preferredAddressTypes: string[];
    insecureTls: boolean;
    certificateAuthority: string;
    clientCertificate: string;
    clientKey: string;
    requestTimeoutMs: number;
    nodeSelector: string;
    completelyInsecure: boolean;
  };
  serving: {
    bindAddress: string;
    securePort: number;
    certDir: string;
    tlsCertFile: string;
    tlsPrivateKeyFile: string;
    tlsCipherSuites: string[];
    tlsMinVersion: string;
    sniCertKeys: NamedCertKey[];
    permitAddressSharing: boolean;
    permitPortSharing: boolean;
  };
  authentication: {
    kubeconfig: string;
    skipLookup: boolean;
    tokenCacheTtlMs: number;
    tolerateLookupFailure: boolean;
    clientCaFile: string;
    requestheader: {
      clientCaFile: string;
      allowedNames: string[];
      usernameHeaders: string[];
      groupHeaders: string[];
      extraHeadersPrefix: string[];
      uidHeaders: string[];
    };
  };
  authorization: {
    kubeconfig: string;
    alwaysAllowPaths: string[];
    allowedTtlMs: number;
    deniedTtlMs: number;
  };
  logging: { format: string; verbosity: number };
  auditLogPath: string;
}

/** The flag set and a reader for the parsed values. */
export function metricsServerFlags(commandLine = 'kube-metrics metrics-server'): {
  flags: FlagSetType;
  options(): MetricsServerOptions;
} {
  const flags = new FlagSet(commandLine, { description: METRICS_SERVER_DESCRIPTION });

  const metricsServer = flags.section('Metrics server');
  const kubeconfig = metricsServer.string(
    'kubeconfig',
    '',
    'The path to the kubeconfig used to connect to the Kubernetes API server and the Kubelets (defaults to in-cluster config)',
  );
  const metricResolution = metricsServer.duration(
    'metric-resolution',
    60000,
    'The resolution at which metrics-server will retain metrics, must set value at least 10s.',
  );
  const version = metricsServer.bool('version', false, 'Show version');

  const generic = flags.section('Generic');
  generic.custom(
    'advertise-address',
    '',
    "The IP address on which to advertise the apiserver to members of the cluster. This address must be reachable by the rest of the cluster. If blank, the --bind-address will be used. If --bind-address is unspecified, the host's default interface will be used.",
    IP,
  );
  generic.stringSlice(
    'cors-allowed-origins',
    [],
    "List of allowed origins for CORS, comma separated. An allowed origin can be a regular expression to support subdomain matching. If this list is empty CORS will not be enabled. Please ensure each expression matches the entire hostname by anchoring to the start with '^' or including the '//' prefix, and by anchoring to the end with '$' or including the ':' port separator suffix. Examples of valid expressions are '//example\\.com(:|$)' and '^https://example\\.com(:|$)'",
  );
  generic.stringSlice(
    'emulated-version',
    [],
    'The versions different components emulate their capabilities (APIs, features, ...) of.\nIf set, the component will emulate the behavior of this version instead of the underlying binary version.\nVersion format could only be major.minor, for example: \'--emulated-version=wardle=1.2,kube=1.31\'.\nOptions are:\nIf the component is not specified, defaults to "kube"',
  );
  generic.bool(
    'emulation-forward-compatible',
    false,
    'If true, for any beta+ APIs enabled by default or by --runtime-config at the emulation version, their future versions with higher priority/stability will be auto enabled even if they introduced after the emulation version. Can only be set to true if the emulation version is lower than the binary version.',
  );
  generic.string(
    'external-hostname',
    '',
    'The hostname to use when generating externalized URLs for this master (e.g. Swagger API Docs or OpenID Discovery).',
  );
  const featureGates = generic.custom(
    'feature-gates',
    {},
    "Comma-separated list of component:key=value pairs that describe feature gates for alpha/experimental features of different components.\nIf the component is not specified, defaults to \"kube\". This flag can be repeatedly invoked. For example: --feature-gates 'wardle:featureA=true,wardle:featureB=false' --feature-gates 'kube:featureC=true'Options are:\n",
    FEATURE_GATES,
  );
  const goawayChance = generic.float(
    'goaway-chance',
    0,
    "To prevent HTTP/2 clients from getting stuck on a single apiserver, randomly close a connection (GOAWAY). The client's other in-flight requests won't be affected, and the client will reconnect, likely landing on a different apiserver after going through the load balancer again. This argument sets the fraction of requests that will be sent a GOAWAY. Clusters with single apiservers, or which don't use a load balancer, should NOT enable this. Min is 0 (off), Max is .02 (1/50 requests); .001 (1/1000) is a recommended starting point.",
  );
  const livezGracePeriod = generic.duration(
    'livez-grace-period',
    0,
    "This option represents the maximum amount of time it should take for apiserver to complete its startup sequence and become live. From apiserver's start time to when this amount of time has elapsed, /livez will assume that unfinished post-start hooks will complete successfully and therefore return true.",
  );
  const maxMutatingRequestsInflight = generic.int(
    'max-mutating-requests-inflight',
    200,
    "This and --max-requests-inflight are summed to determine the server's total concurrency limit (which must be positive) if --enable-priority-and-fairness is true. Otherwise, this flag limits the maximum number of mutating requests in flight, or a zero value disables the limit completely.",
  );
  const maxRequestsInflight = generic.int(
    'max-requests-inflight',
    400,
    "This and --max-mutating-requests-inflight are summed to determine the server's total concurrency limit (which must be positive) if --enable-priority-and-fairness is true. Otherwise, this flag limits the maximum number of non-mutating requests in flight, or a zero value disables the limit completely.",
  );
  generic.stringSlice(
    'min-compatibility-version',
    [],
    'The min version of control plane components the server should be compatible with.\nMust be less or equal to the emulated-version. Version format could only be major.minor, for example: \'--min-compatibility-version=wardle=1.2,kube=1.31\'.\nOptions are:\nIf the component is not specified, defaults to "kube"',
  );
  const minRequestTimeout = generic.int(
    'min-request-timeout',
    1800,
    'An optional field indicating the minimum number of seconds a handler must keep a request open before timing it out. Currently only honored by the watch request handler, which picks a randomized value above this number as the connection timeout, to spread out load.',
  );
  const requestTimeout = generic.duration(
    'request-timeout',
    60000,
    'An optional field indicating the duration a handler must keep a request open before timing it out. This is the default request timeout for requests but may be overridden by flags such as --min-request-timeout for specific types of requests.',
  );
  generic.bool(
    'runtime-config-emulation-forward-compatible',
    false,
    'If true, APIs identified by group/version that are enabled in the --runtime-config flag will be installed even if it is introduced after the emulation version. If false, server would fail to start if any APIs identified by group/version that are enabled in the --runtime-config flag are introduced after the emulation version. Can only be set to true if the emulation version is lower than the binary version.',
  );
  const shutdownDelayDuration = generic.duration(
    'shutdown-delay-duration',
    0,
    'Time to delay the termination. During that time the server keeps serving requests normally. The endpoints /healthz and /livez will return success, but /readyz immediately returns failure. Graceful termination starts after this delay has elapsed. This can be used to allow load balancer to stop sending traffic to this server.',
  );
  generic.bool(
    'shutdown-send-retry-after',
    false,
    "If true the HTTP Server will continue listening until all non long running request(s) in flight have been drained, during this window all incoming requests will be rejected with a status code 429 and a 'Retry-After' response header, in addition 'Connection: close' response header is set in order to tear down the TCP connection when idle.",
  );
  generic.duration(
    'shutdown-watch-termination-grace-period',
    0,
    'This option, if set, represents the maximum amount of grace period the apiserver will wait for active watch request(s) to drain during the graceful server shutdown window.',
  );
  generic.duration(
    'storage-initialization-timeout',
    60000,
    'Maximum amount of time to wait for storage initialization before declaring apiserver ready. Defaults to 1m.',
  );
  generic.stringSlice(
    'strict-transport-security-directives',
    [],
    "List of directives for HSTS, comma separated. If this list is empty, then HSTS directives will not be added. Example: 'max-age=31536000,includeSubDomains,preload'",
  );

  const kubeletClient = flags.section('Kubelet client');
  const deprecatedKubeletCompletelyInsecure = kubeletClient.bool(
    'deprecated-kubelet-completely-insecure',
    false,
    "DEPRECATED: Do not use any encryption, authorization, or authentication when communicating with the Kubelet. This is rarely the right option, since it leaves kubelet communication completely insecure.  If you encounter auth errors, make sure you've enabled token webhook auth on the Kubelet, and if you're in a test cluster with self-signed Kubelet certificates, consider using kubelet-insecure-tls instead.",
  );
  const kubeletCertificateAuthority = kubeletClient.string(
    'kubelet-certificate-authority',
    '',
    "Path to the CA to use to validate the Kubelet's serving certificates.",
  );
  const kubeletClientCertificate = kubeletClient.string(
    'kubelet-client-certificate',
    '',
    'Path to a client cert file for TLS.',
  );
  const kubeletClientKey = kubeletClient.string('kubelet-client-key', '', 'Path to a client key file for TLS.');
  const kubeletInsecureTls = kubeletClient.bool(
    'kubelet-insecure-tls',
    false,
    'Do not verify CA of serving certificates presented by Kubelets.  For testing purposes only.',
  );
  const kubeletPort = kubeletClient.int('kubelet-port', 10250, 'The port to use to connect to Kubelets.');
  const kubeletPreferredAddressTypes = kubeletClient.stringSlice(
    'kubelet-preferred-address-types',
    ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'],
    'The priority of node address types to use when determining which address to use to connect to a particular node',
  );
  const kubeletRequestTimeout = kubeletClient.duration(
    'kubelet-request-timeout',
    10000,
    'The length of time to wait before giving up on a single request to Kubelet. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
  );
  const kubeletUseNodeStatusPort = kubeletClient.bool(
    'kubelet-use-node-status-port',
    false,
    'Use the port in the node status. Takes precedence over --kubelet-port flag.',
  );
  const nodeSelector = kubeletClient.string(
    'node-selector',
    '',
    "Selector (label query) to filter on, not including uninitialized ones, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2).",
    { shorthand: 'l' },
  );

  const apiserverSecureServing = flags.section('Apiserver secure serving');
  const bindAddress = apiserverSecureServing.custom(
    'bind-address',
    '0.0.0.0',
    'The IP address on which to listen for the --secure-port port. The associated interface(s) must be reachable by the rest of the cluster, and by CLI/web clients. If blank or an unspecified address (0.0.0.0 or ::), all interfaces and IP address families will be used.',
    IP,
  );
  const certDir = apiserverSecureServing.string(
    'cert-dir',
    'apiserver.local.config/certificates',
    'The directory where the TLS certs are located. If --tls-cert-file and --tls-private-key-file are provided, this flag will be ignored.',
  );
  apiserverSecureServing.bool(
    'disable-http2-serving',
    false,
    'If true, HTTP2 serving will be disabled [default=false]',
  );
  apiserverSecureServing.int(
    'http2-max-streams-per-connection',
    0,
    "The limit that the server gives to clients for the maximum number of streams in an HTTP/2 connection. Zero means to use golang's default.",
  );
  const permitAddressSharing = apiserverSecureServing.bool(
    'permit-address-sharing',
    false,
    'If true, SO_REUSEADDR will be used when binding the port. This allows binding to wildcard IPs like 0.0.0.0 and specific IPs in parallel, and it avoids waiting for the kernel to release sockets in TIME_WAIT state. [default=false]',
  );
  const permitPortSharing = apiserverSecureServing.bool(
    'permit-port-sharing',
    false,
    'If true, SO_REUSEPORT will be used when binding the port, which allows more than one instance to bind on the same address and port. [default=false]',
  );
  const securePort = apiserverSecureServing.int(
    'secure-port',
    443,
    "The port on which to serve HTTPS with authentication and authorization. If 0, don't serve HTTPS at all.",
  );
  const tlsCertFile = apiserverSecureServing.string(
    'tls-cert-file',
    '',
    'File containing the default x509 Certificate for HTTPS. (CA cert, if any, concatenated after server cert). If HTTPS serving is enabled, and --tls-cert-file and --tls-private-key-file are not provided, a self-signed certificate and key are generated for the public address and saved to the directory specified by --cert-dir.',
  );
  const tlsCipherSuites = apiserverSecureServing.stringSlice(
    'tls-cipher-suites',
    [],
    'Comma-separated list of cipher suites for the server. If omitted, the default Go cipher suites will be used.\nPreferred values: TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256.\nInsecure values: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_ECDHE_ECDSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, TLS_ECDHE_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA256, TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_256_CBC_SHA, TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_RSA_WITH_RC4_128_SHA.',
  );
  apiserverSecureServing.custom(
    'tls-curve-preferences',
    [],
    'Comma-separated list of numeric Go crypto/tls CurveID values, as the allowed key exchange mechanisms for the server. The supported values depend on the Go version used. See https://pkg.go.dev/crypto/tls#CurveID for values supported for each Go version. The order of the list is ignored, and key exchange mechanisms are chosen by Go from this list using an internal preference order. If omitted, the default Go curves will be used.',
    INT32_SLICE,
  );
  const tlsMinVersion = apiserverSecureServing.string(
    'tls-min-version',
    '',
    'Minimum TLS version supported. Possible values: VersionTLS10, VersionTLS11, VersionTLS12, VersionTLS13',
  );
  const tlsPrivateKeyFile = apiserverSecureServing.string(
    'tls-private-key-file',
    '',
    'File containing the default x509 private key matching --tls-cert-file.',
  );
  const tlsSniCertKey = apiserverSecureServing.custom(
    'tls-sni-cert-key',
    [],
    'A pair of x509 certificate and private key file paths, optionally suffixed with a list of domain patterns which are fully qualified domain names, possibly with prefixed wildcard segments. The domain patterns also allow IP addresses, but IPs should only be used if the apiserver has visibility to the IP address requested by a client. If no domain patterns are provided, the names of the certificate are extracted. Non-wildcard matches trump over wildcard matches, explicit domain patterns trump over extracted names. For multiple key/certificate pairs, use the --tls-sni-cert-key multiple times. Examples: "example.crt,example.key" or "foo.crt,foo.key:*.foo.com,foo.com".',
    NAMED_CERT_KEY,
  );

  const apiserverAuthentication = flags.section('Apiserver authentication');
  const authenticationKubeconfig = apiserverAuthentication.string(
    'authentication-kubeconfig',
    '',
    "kubeconfig file pointing at the 'core' kubernetes server with enough rights to create tokenreviews.authentication.k8s.io.",
  );
  const authenticationSkipLookup = apiserverAuthentication.bool(
    'authentication-skip-lookup',
    false,
    'If false, the authentication-kubeconfig will be used to lookup missing authentication configuration from the cluster.',
  );
  const authenticationTokenWebhookCacheTtl = apiserverAuthentication.duration(
    'authentication-token-webhook-cache-ttl',
    10000,
    'The duration to cache responses from the webhook token authenticator.',
  );
  const authenticationTolerateLookupFailure = apiserverAuthentication.bool(
    'authentication-tolerate-lookup-failure',
    false,
    'If true, failures to look up missing authentication configuration from the cluster are not considered fatal. Note that this can result in authentication that treats all requests as anonymous.',
  );
  const clientCaFile = apiserverAuthentication.string(
    'client-ca-file',
    '',
    'If set, any request presenting a client certificate signed by one of the authorities in the client-ca-file is authenticated with an identity corresponding to the CommonName of the client certificate.',
  );
  const requestheaderAllowedNames = apiserverAuthentication.stringSlice(
    'requestheader-allowed-names',
    [],
    'List of client certificate common names to allow to provide usernames in headers specified by --requestheader-username-headers. If empty, any client certificate validated by the authorities in --requestheader-client-ca-file is allowed.',
  );
  const requestheaderClientCaFile = apiserverAuthentication.string(
    'requestheader-client-ca-file',
    '',
    'Root certificate bundle to use to verify client certificates on incoming requests before trusting usernames in headers specified by --requestheader-username-headers. WARNING: generally do not depend on authorization being already done for incoming requests.',
  );
  const requestheaderExtraHeadersPrefix = apiserverAuthentication.stringSlice(
    'requestheader-extra-headers-prefix',
    ['x-remote-extra-'],
    'List of request header prefixes to inspect. X-Remote-Extra- is suggested.',
  );
  const requestheaderGroupHeaders = apiserverAuthentication.stringSlice(
    'requestheader-group-headers',
    ['x-remote-group'],
    'List of request headers to inspect for groups. X-Remote-Group is suggested.',
  );
  const requestheaderUidHeaders = apiserverAuthentication.stringSlice(
    'requestheader-uid-headers',
    [],
    'List of request headers to inspect for UIDs. X-Remote-Uid is suggested. Requires the RemoteRequestHeaderUID feature to be enabled.',
  );
  const requestheaderUsernameHeaders = apiserverAuthentication.stringSlice(
    'requestheader-username-headers',
    ['x-remote-user'],
    'List of request headers to inspect for usernames. X-Remote-User is common.',
  );

  const apiserverAuthorization = flags.section('Apiserver authorization');
  const authorizationAlwaysAllowPaths = apiserverAuthorization.stringSlice(
    'authorization-always-allow-paths',
    ['/healthz', '/readyz', '/livez'],
    "A list of HTTP paths to skip during authorization, i.e. these are authorized without contacting the 'core' kubernetes server.",
  );
  const authorizationKubeconfig = apiserverAuthorization.string(
    'authorization-kubeconfig',
    '',
    "kubeconfig file pointing at the 'core' kubernetes server with enough rights to create subjectaccessreviews.authorization.k8s.io.",
  );
  const authorizationWebhookCacheAuthorizedTtl = apiserverAuthorization.duration(
    'authorization-webhook-cache-authorized-ttl',
    10000,
    "The duration to cache 'authorized' responses from the webhook authorizer.",
  );
  const authorizationWebhookCacheUnauthorizedTtl = apiserverAuthorization.duration(
    'authorization-webhook-cache-unauthorized-ttl',
    10000,
    "The duration to cache 'unauthorized' responses from the webhook authorizer.",
  );

  const { auditLogPath } = defineAuditLogFlags(flags.section('Apiserver audit log'));

  const features = flags.section('Features');
  features.bool('contention-profiling', false, 'Enable block profiling, if profiling is enabled');
  features.string(
    'debug-socket-path',
    '',
    'Use an unprotected (no authn/authz) unix-domain socket for profiling with the given path',
  );
  features.bool(
    'enable-priority-and-fairness',
    true,
    'If true, replace the max-in-flight handler with an enhanced one that queues and dispatches with priority and fairness',
  );
  features.bool('profiling', true, 'Enable profiling via web interface host:port/debug/pprof/');

  const logging = flags.section('Logging');
  logging.duration('log-flush-frequency', 5000, 'Maximum number of seconds between log flushes');
  logging.custom(
    'log-json-info-buffer-size',
    0,
    '[Alpha] In JSON format with split output streams, the info messages can be buffered for a while to increase performance. The default value of zero bytes disables buffering. The size can be specified as number of bytes (512), multiples of 1000 (1K), multiples of 1024 (2Ki), or powers of those (3M, 4G, 5Mi, 6Gi). Enable the LoggingAlphaOptions feature gate to use this.',
    QUANTITY,
  );
  logging.bool(
    'log-json-split-stream',
    false,
    '[Alpha] In JSON format, write error messages to stderr and info messages to stdout. The default is to write a single stream to stdout. Enable the LoggingAlphaOptions feature gate to use this.',
  );
  logging.custom(
    'log-text-info-buffer-size',
    0,
    '[Alpha] In text format with split output streams, the info messages can be buffered for a while to increase performance. The default value of zero bytes disables buffering. The size can be specified as number of bytes (512), multiples of 1000 (1K), multiples of 1024 (2Ki), or powers of those (3M, 4G, 5Mi, 6Gi). Enable the LoggingAlphaOptions feature gate to use this.',
    QUANTITY,
  );
  logging.bool(
    'log-text-split-stream',
    false,
    '[Alpha] In text format, write error messages to stderr and info messages to stdout. The default is to write a single stream to stdout. Enable the LoggingAlphaOptions feature gate to use this.',
  );
  const loggingFormat = logging.string(
    'logging-format',
    'text',
    'Sets the log format. Permitted formats: "json" (gated by LoggingBetaOptions), "text".',
  );
  const v = logging.custom('v', 0, 'number for the log level verbosity', LEVEL, { shorthand: 'v' });
  logging.string(
    'vmodule',
    '',
    'comma-separated list of pattern=N settings for file-filtered logging (only works for text log format)',
    { typeName: 'pattern=N,...' },
  );

  const options = (): MetricsServerOptions => ({
    kubeconfig: kubeconfig.value,
    metricResolutionMs: metricResolution.value,
    showVersion: version.value,
    generic: {
      maxRequestsInflight: maxRequestsInflight.value,
      maxMutatingRequestsInflight: maxMutatingRequestsInflight.value,
      requestTimeoutMs: requestTimeout.value,
      minRequestTimeoutSeconds: minRequestTimeout.value,
      shutdownDelayMs: shutdownDelayDuration.value,
      livezGracePeriodMs: livezGracePeriod.value,
      goawayChance: goawayChance.value,
      featureGates: featureGates.value,
    },
    kubelet: {
      port: kubeletPort.value,
      useNodeStatusPort: kubeletUseNodeStatusPort.value,
      preferredAddressTypes: kubeletPreferredAddressTypes.value,
      insecureTls: kubeletInsecureTls.value,
      certificateAuthority: kubeletCertificateAuthority.value,
      clientCertificate: kubeletClientCertificate.value,
      clientKey: kubeletClientKey.value,
      requestTimeoutMs: kubeletRequestTimeout.value,
      nodeSelector: nodeSelector.value,
      completelyInsecure: deprecatedKubeletCompletelyInsecure.value,
    },
    serving: {
      bindAddress: bindAddress.value,
      securePort: securePort.value,
      certDir: certDir.value,
      tlsCertFile: tlsCertFile.value,
      tlsPrivateKeyFile: tlsPrivateKeyFile.value,
      tlsCipherSuites: tlsCipherSuites.value,
      tlsMinVersion: tlsMinVersion.value,
      sniCertKeys: tlsSniCertKey.value,
      permitAddressSharing: permitAddressSharing.value,
      permitPortSharing: permitPortSharing.value,
    },
    authentication: {
      kubeconfig: authenticationKubeconfig.value,
      skipLookup: authenticationSkipLookup.value,
      tokenCacheTtlMs: authenticationTokenWebhookCacheTtl.value,
      tolerateLookupFailure: authenticationTolerateLookupFailure.value,
      clientCaFile: clientCaFile.value,
      requestheader: {
        clientCaFile: requestheaderClientCaFile.value,
        allowedNames: requestheaderAllowedNames.value,
        usernameHeaders: requestheaderUsernameHeaders.value,
        groupHeaders: requestheaderGroupHeaders.value,
        extraHeadersPrefix: requestheaderExtraHeadersPrefix.value,
        uidHeaders: requestheaderUidHeaders.value,
      },
    },
    authorization: {
      kubeconfig: authorizationKubeconfig.value,
      alwaysAllowPaths: authorizationAlwaysAllowPaths.value,
      allowedTtlMs: authorizationWebhookCacheAuthorizedTtl.value,
      deniedTtlMs: authorizationWebhookCacheUnauthorizedTtl.value,
    },
    logging: { format: loggingFormat.value, verbosity: v.value },
    auditLogPath: auditLogPath.value,
  });
  return { flags, options };
}
