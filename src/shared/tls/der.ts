/**
 * The few DER (X.690) encodings an X.509 v3 leaf certificate needs, written directly: issuing
 * through a general ASN.1 library costs ~2 ms a certificate, too much for 5,000 simulated
 * kubelets. Only definite, minimal-length encodings are produced (Go's parser rejects others).
 */

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** Tag-length-value with the given tag byte. */
export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag, ...lengthBytes(body.length)]), body]);
}

export const sequence = (...items: Uint8Array[]) => tlv(0x30, ...items);
export const set = (...items: Uint8Array[]) => tlv(0x31, ...items);
export const octetString = (bytes: Uint8Array) => tlv(0x04, bytes);
export const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
/** `[n] EXPLICIT` (constructed, context-specific). */
export const explicit = (n: number, inner: Uint8Array) => tlv(0xa0 | n, inner);
/** `[n] IMPLICIT` primitive (context-specific). */
export const implicit = (n: number, bytes: Uint8Array) => tlv(0x80 | n, bytes);
export const bitString = (bytes: Uint8Array, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), bytes);
export const TRUE = Buffer.from([0x01, 0x01, 0xff]);

/** A non-negative INTEGER from big-endian magnitude bytes (leading zeros trimmed, sign byte added). */
export function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const pad = (trimmed[0] ?? 0) & 0x80 ? [0] : [];
  return tlv(0x02, Buffer.from(pad), trimmed);
}

export function smallInteger(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 127) throw new Error(`smallInteger out of range: ${n}`);
  return Buffer.from([0x02, 0x01, n]);
}

/** OBJECT IDENTIFIER from dotted text. */
export function oid(text: string): Buffer {
  const parts = text.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = parts;
  const out = [40 * a + b];
  for (const p of rest) {
    const chunk = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime before 2050, GeneralizedTime from 2050 on (RFC 5280 4.1.2.5), at second precision. */
export function time(d: Date): Buffer {
  const iso = d.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = d.getUTCFullYear();
  if (year < 1950) throw new Error(`certificate time before 1950: ${iso}`);
  return year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

/** 4 or 16 bytes of an IPv4 / IPv6 address as written in a certificate. */
export function ipBytes(ip: string): Buffer {
  if (ip.includes('.') && !ip.includes(':')) return Buffer.from(ip.split('.').map(Number));
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4) {
    // An IPv4-embedded IPv6 address (`::ffff:1.2.3.4`): its last 32 bits as two hex groups.
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    ip = `${ip.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = ip.includes('::') ? groups(tail) : [];
  const all = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = Buffer.alloc(16);
  for (const [i, g] of all.entries()) out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  return out;
}
