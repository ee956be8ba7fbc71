/** Value types of upstream flags that the shared flag set lacks (pflag/component-base semantics). */
import { isIP } from 'node:net';
import { FlagError } from '../../shared/flags/flag-set.ts';
import { parseQuantity } from '../../shared/quantity/index.ts';

/** The `--tls-sni-cert-key` value: a certificate, its key and the names it serves. */
export interface NamedCertKey {
  certFile: string;
  keyFile: string;
  names: string[];
}

export const IP = {
  typeName: 'ip',
  parse(text: string): string {
    if (text !== '' && isIP(text) === 0) throw new FlagError(`failed to parse IP: ${JSON.stringify(text)}`);
    return text;
  },
  format: (v: string) => v,
  isZero: (v: string) => v === '',
};

/** component-base's `component:key=value` list; a key without component belongs to `kube`. */
export const FEATURE_GATES = {
  typeName: 'colonSeparatedMultimapStringString',
  parse(text: string, previous: Record<string, string>, changed: boolean): Record<string, string> {
    const out = changed ? { ...previous } : {};
    for (const part of text.split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new FlagError(`malformed pair, expect string=string`);
      const key = part.slice(0, eq).trim();
      out[key.includes(':') ? key : `kube:${key}`] = part.slice(eq + 1).trim();
    }
    return out;
  },
  format: (v: Record<string, string>) =>
    Object.entries(v)
      .map(([k, x]) => `${k}=${x}`)
      .join(','),
  isZero: (v: Record<string, string>) => Object.keys(v).length === 0,
};

/** pflag's int32Slice prints `[]` even when empty, hence a zero that is never "zero". */
export const INT32_SLICE = {
  typeName: 'int32Slice',
  parse(text: string, previous: number[], changed: boolean): number[] {
    const values =
      text === ''
        ? []
        : text.split(',').map((t) => {
            const n = Number(t.trim());
            if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
              throw new FlagError(`strconv.ParseInt: parsing ${JSON.stringify(t)}: invalid syntax`);
            }
            return n;
          });
    return changed ? [...previous, ...values] : values;
  },
  format: (v: number[]) => `[${v.join(',')}]`,
  isZero: () => false,
};

/** `cert,key[:name,name...]`, repeatable. */
export const NAMED_CERT_KEY = {
  typeName: 'namedCertKey',
  parse(text: string, previous: NamedCertKey[]): NamedCertKey[] {
    const colon = text.lastIndexOf(':');
    const files = (colon < 0 ? text : text.slice(0, colon)).split(',').map((s) => s.trim());
    const names =
      colon < 0
        ? []
        : text
            .slice(colon + 1)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    if (files.length !== 2 || !files[0] || !files[1]) {
      throw new FlagError('expected comma separated certificate and key file paths');
    }
    return [...previous, { certFile: files[0], keyFile: files[1], names }];
  },
  format: (v: NamedCertKey[]) => `[${v.map((c) => `${c.certFile},${c.keyFile}`).join(';')}]`,
  isZero: () => false,
};

/** klog's `Level` is a uint32. */
export const LEVEL = {
  typeName: 'Level',
  parse(text: string): number {
    if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) {
      throw new FlagError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
    }
    return Number(text);
  },
  format: String,
  isZero: (v: number) => v === 0,
};

export const QUANTITY = {
  typeName: 'quantity',
  parse(text: string): number {
    try {
      return parseQuantity(text);
    } catch (err) {
      throw new FlagError((err as Error).message);
    }
  },
  format: String,
  isZero: (v: number) => v === 0,
};
