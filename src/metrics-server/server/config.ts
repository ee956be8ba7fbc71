/**
 * Options -> Config: every file read and every connection setting resolved, with upstream's
 * startup order and failure messages (serving certificate, then the delegated authentication and
 * authorization kubeconfigs, then the main kubeconfig).
 */
import { readFile, stat } from 'node:fs/promises';
import type { SecureVersion } from 'node:tls';
import { KubeApiClient } from '../../shared/kube/api-client.ts';
import { type ClientConfig, loadKubeconfig } from '../../shared/kube/kubeconfig.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { KubeletTlsOptions } from '../kubelet-client/kubelet-client.ts';
import type { MetricsServerOptions } from '../options/options.ts';
import { minTlsVersion, opensslCiphers } from '../options/tls-settings.ts';
import { type AuthenticationConfig, parseCertificates, type RequestHeaderConfig } from './authentication.ts';
import { loadServingCert, type ServingCert } from './serving-cert.ts';
import { readSniCertificates, type SniCertificate } from './sni-certs.ts';

export const AUTHENTICATION_CONFIGMAP_PATH =
  '/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication';

export interface MetricsServerConfig {
  options: MetricsServerOptions;
  serving: { cert: ServingCert; minVersion?: SecureVersion; ciphers?: string; sni: SniCertificate[] };
  /** The core API server, for Nodes and Pods. */
  apiConfig: ClientConfig;
  authenticationConfig: ClientConfig;
  authorizationConfig: ClientConfig;
  /** Client CA and requestheader settings from the flags, completed from the ConfigMap. */
  authentication: AuthenticationConfig;
  /** PEMs for the TLS handshake's acceptable client CAs. */
  clientCaPems: string[];
  kubeletTls: KubeletTlsOptions;
  kubeletAuthHeader?: () => Promise<string | undefined>;
}

/**
 * Loads a kubeconfig (in-cluster when `path` is empty); failures are prefixed with `prefix`.
 * Upstream wraps the authentication error twice and the authorization error once.
 */
async function clientConfig(path: string, prefix: string, env: NodeJS.ProcessEnv): Promise<ClientConfig> {
  if (path !== '') {
    try {
      await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or directory' : (err as Error).message;
      throw new Error(`${prefix}stat ${path}: ${reason}`, { cause: err });
    }
  }
  try {
    return await loadKubeconfig({ kubeconfigPath: path, env });
  } catch (err) {
    throw new Error(`${prefix}${inClusterMessage((err as Error).message)}`, { cause: err });
  }
}

/** client-go's wording, without the hint the shared loader adds. */
function inClusterMessage(message: string): string {
  return message.replace(/ \(or pass --kubeconfig\)$/, '');
}

async function readFileText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`failed to read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
}

function jsonList(value: string | undefined, key: string): string[] {
  if (value === undefined || value === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`extension-apiserver-authentication: ${key} is not a JSON list: ${value.slice(0, 80)}`);
  }
  if (!Array.isArray(parsed) || parsed.some((v) => typeof v !== 'string')) {
    throw new Error(`extension-apiserver-authentication: ${key} is not a list of strings`);
  }
  return parsed as string[];
}

/**
 * The authentication settings: flags first, the `kube-system/extension-apiserver-authentication`
 * ConfigMap for whatever the flags leave unset (unless `--authentication-skip-lookup`).
 */
export async function resolveAuthentication(
  o: MetricsServerOptions,
  client: KubeApiClient | undefined,
  logger?: Logger,
): Promise<{ authentication: AuthenticationConfig; clientCaPems: string[] }> {
  const a = o.authentication;
  let clientCaPem = a.clientCaFile ? await readFileText(a.clientCaFile, 'client CA file') : '';
  let requestHeader: { caPem: string; rh: Omit<RequestHeaderConfig, 'cas'> } | undefined;
  if (a.requestheader.clientCaFile) {
    requestHeader = {
      caPem: await readFileText(a.requestheader.clientCaFile, 'requestheader client CA file'),
      rh: {
        allowedNames: a.requestheader.allowedNames,
        usernameHeaders: a.requestheader.usernameHeaders,
        groupHeaders: a.requestheader.groupHeaders,
        extraHeadersPrefix: a.requestheader.extraHeadersPrefix,
        uidHeaders: a.requestheader.uidHeaders,
      },
    };
  }
  if (!a.skipLookup && client && (clientCaPem === '' || requestHeader === undefined)) {
    try {
      const cm = await client.getJSON<{ data?: Record<string, string> }>(AUTHENTICATION_CONFIGMAP_PATH);
      const data = cm?.data ?? {};
      if (clientCaPem === '' && data['client-ca-file']) clientCaPem = data['client-ca-file'];
      if (requestHeader === undefined && data['requestheader-client-ca-file']) {
        requestHeader = {
          caPem: data['requestheader-client-ca-file'],
          rh: {
            allowedNames: jsonList(data['requestheader-allowed-names'], 'requestheader-allowed-names'),
            usernameHeaders: jsonList(data['requestheader-username-headers'], 'requestheader-username-headers'),
            groupHeaders: jsonList(data['requestheader-group-headers'], 'requestheader-group-headers'),
            extraHeadersPrefix: jsonList(
              data['requestheader-extra-headers-prefix'],
              'requestheader-extra-headers-prefix',
            ),
            uidHeaders: jsonList(data['requestheader-uid-headers'], 'requestheader-uid-headers'),
          },
        };
      }
    } catch (err) {
      const message = `unable to load configmap based request-header-client-ca-file: ${(err as Error).message}`;
      if (!a.tolerateLookupFailure) throw new Error(message, { cause: err });
      logger?.error('Error looking up in-cluster authentication configuration', { err: message });
    }
  }
  const authentication: AuthenticationConfig = {
    clientCAs: clientCaPem ? parseCertificates(clientCaPem, 'client CA') : [],
  };
  const clientCaPems: string[] = [];
  if (clientCaPem) clientCaPems.push(clientCaPem);
  if (requestHeader) {
    authentication.requestHeader = {
      ...requestHeader.rh,
      cas: parseCertificates(requestHeader.caPem, 'requestheader client CA'),
    };
    clientCaPems.push(requestHeader.caPem);
  }
  return { authentication, clientCaPems };
}

export async function buildConfig(
  o: MetricsServerOptions,
  options: { env?: NodeJS.ProcessEnv; logger?: Logger } = {},
): Promise<MetricsServerConfig> {
  const env = options.env ?? process.env;
  const log = options.logger;
  // `--secure-port=0` picks a free port (upstream: no HTTPS at all, which leaves nothing to serve).
  const cert = await loadServingCert({
    certDir: o.serving.certDir,
    certFile: o.serving.tlsCertFile,
    keyFile: o.serving.tlsPrivateKeyFile,
    bindAddress: o.serving.bindAddress,
  });
  if (cert.generated) log?.info(`Generated self-signed cert (${cert.certFile}, ${cert.keyFile})`);
  const serving: MetricsServerConfig['serving'] = { cert, sni: await readSniCertificates(o.serving.sniCertKeys) };
  const min = minTlsVersion(o.serving.tlsMinVersion);
  const ciphers = opensslCiphers(o.serving.tlsCipherSuites);
  if (min) serving.minVersion = min;
  if (ciphers) serving.ciphers = ciphers;
  const authenticationConfig = await clientConfig(
    o.authentication.kubeconfig,
    'failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: ',
    env,
  );
  const authnClient = new KubeApiClient({ config: authenticationConfig, requestTimeoutMs: 10_000 });
  let resolved: Awaited<ReturnType<typeof resolveAuthentication>>;
  try {
    resolved = await resolveAuthentication(o, authnClient, log);
  } finally {
    await authnClient.close();
  }
  const authorizationConfig = await clientConfig(
    o.authorization.kubeconfig,
    'failed to get delegated authorization kubeconfig: ',
    env,
  );
  const apiConfig = await clientConfig(o.kubeconfig, 'unable to construct lister client config: ', env);
  const k = o.kubelet;
  const kubeletTls: KubeletTlsOptions = { insecureSkipVerify: k.insecureTls || !apiConfig.rejectUnauthorized };
  if (!k.insecureTls && apiConfig.ca) kubeletTls.ca = apiConfig.ca;
  if (k.certificateAuthority)
    kubeletTls.ca = await readFileText(k.certificateAuthority, 'kubelet certificate authority');
  if (apiConfig.cert && apiConfig.key) {
    kubeletTls.cert = apiConfig.cert;
    kubeletTls.key = apiConfig.key;
  }
  if (k.clientCertificate) {
    kubeletTls.cert = await readFileText(k.clientCertificate, 'kubelet client certificate');
    kubeletTls.key = await readFileText(k.clientKey, 'kubelet client key');
  }
  const config: MetricsServerConfig = {
    options: o,
    apiConfig,
    authenticationConfig,
    authorizationConfig,
    authentication: resolved.authentication,
    clientCaPems: resolved.clientCaPems,
    kubeletTls,
    serving,
  };
  if (!k.completelyInsecure) config.kubeletAuthHeader = () => apiConfig.authHeader();
  else {
    delete kubeletTls.cert;
    delete kubeletTls.key;
  }
  return config;
}
