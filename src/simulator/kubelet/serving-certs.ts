/**
 * Serving certificates for simulated kubelets, shaped like bootstrapped kubelet-serving certificates
 * (CN `system:node:<node>`, O `system:nodes`, SANs from the Node's addresses) and signed by the
 * simulator's kubelet CA, so `--kubelet-certificate-authority` verifies them. The `wrong-cert` fault
 * gets certificates with the same names from a CA nobody trusts.
 */
import { type CA, createCA, issueCertificate, type KeyPairPem } from '../../shared/tls/pki.ts';

export interface ServingCertIssuer {
  /** Certificate for the node's IPs and hostnames, signed by the kubelet CA. */
  issue(nodeName: string, ipAddresses: string[], dnsNames: string[]): Promise<KeyPairPem>;
  /** Same names, signed by a throwaway CA that no client trusts. */
  issueUntrusted(nodeName: string, ipAddresses: string[], dnsNames: string[]): Promise<KeyPairPem>;
}

export function createServingCertIssuer(kubeletCA: CA): ServingCertIssuer {
  let rogue: Promise<CA> | undefined;
  const issueWith = (ca: CA, nodeName: string, ipAddresses: string[], dnsNames: string[]) =>
    issueCertificate(ca, {
      commonName: `system:node:${nodeName}`,
      organizations: ['system:nodes'],
      ipAddresses: [...new Set(ipAddresses)].sort(),
      dnsNames: [...new Set(dnsNames.filter((d) => d !== ''))].sort(),
      usage: 'server',
    });
  return {
    issue: (nodeName, ips, dns) => issueWith(kubeletCA, nodeName, ips, dns),
    async issueUntrusted(nodeName, ips, dns) {
      rogue ??= createCA('kube-metrics-sim-untrusted-kubelet-ca');
      return issueWith(await rogue, nodeName, ips, dns);
    },
  };
}
