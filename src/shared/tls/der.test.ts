import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipBytes, oid, sequence, time, tlv, unsignedInteger } from './der.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('der', () => {
  const cases = [
    { name: 'short length', got: () => tlv(0x04, Buffer.alloc(3)), want: '0403000000' },
    { name: 'long length (one byte)', got: () => tlv(0x04, Buffer.alloc(200)).subarray(0, 3), want: '0481c8' },
    { name: 'long length (two bytes)', got: () => tlv(0x04, Buffer.alloc(300)).subarray(0, 4), want: '0482012c' },
    { name: 'empty sequence', got: () => sequence(), want: '3000' },
    { name: 'oid ecdsa-with-SHA256', got: () => oid('1.2.840.10045.4.3.2'), want: '06082a8648ce3d040302' },
    { name: 'oid commonName', got: () => oid('2.5.4.3'), want: '0603550403' },
    { name: 'integer keeps positive sign', got: () => unsignedInteger(Buffer.from([0x80, 0x01])), want: '0203008001' },
    { name: 'integer trims leading zeros', got: () => unsignedInteger(Buffer.from([0, 0, 0x7f])), want: '02017f' },
    {
      name: 'UTCTime before 2050',
      got: () => time(new Date('2026-01-02T03:04:05.678Z')),
      want: hex(Buffer.from('\x17\x0d260102030405Z', 'latin1')),
    },
    {
      name: 'GeneralizedTime from 2050',
      got: () => time(new Date('2051-01-02T03:04:05Z')),
      want: hex(Buffer.from('\x18\x0f20510102030405Z', 'latin1')),
    },
    { name: 'IPv4', got: () => ipBytes('127.0.1.2'), want: '7f000102' },
    { name: 'IPv6 loopback', got: () => ipBytes('::1'), want: '00000000000000000000000000000001' },
    { name: 'IPv6 compressed', got: () => ipBytes('fd00::a:1'), want: 'fd0000000000000000000000000a0001' },
    { name: 'IPv4-embedded IPv6', got: () => ipBytes('::ffff:10.0.0.1'), want: '00000000000000000000ffff0a000001' },
  ];
  for (const tc of cases) {
    it(tc.name, () => assert.equal(hex(tc.got()), tc.want));
  }
});
