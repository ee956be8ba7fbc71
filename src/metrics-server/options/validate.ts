import { formatGoDuration } from '../../shared/duration.ts';
import type { MetricsServerOptions } from './options.ts';

/** Minimum `--metric-resolution` (kubelet stats are refreshed about every 10-15 s). */
export const MIN_RESOLUTION_MS = 10_000;

/**
 * Every problem with the options, in upstream's order (kubelet client, resolution, logging,
 * generic server); the command reports the first, with upstream's wording.
 */
export function validateOptions(o: MetricsServerOptions): string[] {
  const errors: string[] = [];
  const k = o.kubelet;
  if (k.certificateAuthority !== '' && k.insecureTls) {
    errors.push('cannot use both --kubelet-certificate-authority and --kubelet-insecure-tls');
  }
  if ((k.clientKey !== '') !== (k.clientCertificate !== '')) {
    errors.push('need both --kubelet-client-key and --kubelet-client-certificate');
  }
  if (k.completelyInsecure) {
    if (k.clientKey !== '')
      errors.push('cannot use both --kubelet-client-key and --deprecated-kubelet-completely-insecure');
    if (k.clientCertificate !== '') {
      errors.push('cannot use both --kubelet-client-certificate and --deprecated-kubelet-completely-insecure');
    }
    if (k.insecureTls)
      errors.push('cannot use both --kubelet-insecure-tls and --deprecated-kubelet-completely-insecure');
    if (k.certificateAuthority !== '') {
      errors.push('cannot use both --kubelet-certificate-authority and --deprecated-kubelet-completely-insecure');
    }
  }
  if (k.requestTimeoutMs <= 0) errors.push('kubelet-request-timeout should be positive');
  const r = o.metricResolutionMs;
  if (r < MIN_RESOLUTION_MS) {
    errors.push(`metric-resolution should be a time duration at least 10s, but value ${formatGoDuration(r)} provided`);
  }
  // Go computes resolution*9/10 in integer nanoseconds; ms keep that exact for ms-granular values.
  if ((r * 9) / 10 < k.requestTimeoutMs) {
    errors.push(
      `metric-resolution should be larger than kubelet-request-timeout, but metric-resolution value ${formatGoDuration(r)} kubelet-request-timeout value ${formatGoDuration(k.requestTimeoutMs)} provided`,
    );
  }
  if (o.logging.format !== 'text' && o.logging.format !== 'json') {
    errors.push(`format: Invalid value: "${o.logging.format}": Unsupported log format`);
  }
  const g = o.generic;
  if (g.goawayChance < 0 || g.goawayChance > 0.02) {
    errors.push('--goaway-chance can not be less than 0 or greater than 0.02');
  }
  if (g.livezGracePeriodMs < 0) {
    errors.push('--livez-grace-period can not be a negative value');
  }
  if (g.maxRequestsInflight < 0) errors.push('--max-requests-inflight can not be negative value');
  if (g.maxMutatingRequestsInflight < 0) errors.push('--max-mutating-requests-inflight can not be negative value');
  if (g.requestTimeoutMs < 0) errors.push('--request-timeout can not be negative value');
  if (g.minRequestTimeoutSeconds < 0) errors.push('--min-request-timeout can not be negative value');
  if (g.shutdownDelayMs < 0) errors.push('--shutdown-delay-duration can not be negative value');
  const s = o.serving;
  if ((s.tlsCertFile !== '') !== (s.tlsPrivateKeyFile !== '')) errors.push('missing filename for serving cert');
  if (s.securePort < 0 || s.securePort > 65535) {
    const host = s.bindAddress.includes(':') ? `[${s.bindAddress}]` : s.bindAddress;
    errors.push(
      `failed to create listener: failed to listen on ${host}:${s.securePort}: listen tcp: address ${s.securePort}: invalid port`,
    );
  }
  return errors;
}
