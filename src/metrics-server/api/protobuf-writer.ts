/**
 * A minimal protobuf wire-format writer: varints, length-delimited fields and nested messages
 * written in place (the length prefix is patched once the message is done).
 */

export class ProtoWriter {
  #buf: Buffer;
  #len = 0;
  /** Start offsets of the nested messages being written. */
  readonly #stack: number[] = [];

  constructor(initialSize = 1024) {
    this.#buf = Buffer.allocUnsafe(initialSize);
  }

  #ensure(extra: number): void {
    if (this.#len + extra <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  /** Unsigned varint; negative numbers are written as 64-bit two's complement like Go's int64. */
  varint(value: number): this {
    this.#ensure(10);
    if (value < 0) {
      let v = BigInt.asUintN(64, BigInt(Math.trunc(value)));
      while (v >= 0x80n) {
        this.#buf[this.#len++] = Number(v & 0x7fn) | 0x80;
        v >>= 7n;
      }
      this.#buf[this.#len++] = Number(v);
      return this;
    }
    let v = Math.trunc(value);
    while (v >= 0x80) {
      this.#buf[this.#len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#len++] = v;
    return this;
  }

  #tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  int(field: number, value: number): this {
    this.#tag(field, 0);
    return this.varint(value);
  }

  string(field: number, value: string): this {
    this.#tag(field, 2);
    const n = value.length;
    if (n < 128) {
      // Short ASCII strings (names, quantities) are copied in JS: two native calls per string
      // (byteLength + write) cost more than the copy itself.
      this.#ensure(n + 1);
      const buf = this.#buf;
      const at = this.#len + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at + i] = c;
      }
      if (i === n) {
        buf[this.#len] = n;
        this.#len = at + n;
        return this;
      }
    }
    const bytes = Buffer.byteLength(value, 'utf8');
    this.varint(bytes);
    this.#ensure(bytes);
    this.#len += this.#buf.write(value, this.#len, 'utf8');
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, 2);
    this.varint(value.length);
    this.#ensure(value.length);
    this.#buf.set(value, this.#len);
    this.#len += value.length;
    return this;
  }

  /** Opens a nested message in `field`; close it with `end()`. */
  begin(field: number): this {
    this.#tag(field, 2);
    // Reserve the largest length prefix we accept (4 bytes: < 256 MiB per nested message).
    this.#ensure(4);
    this.#len += 4;
    this.#stack.push(this.#len);
    return this;
  }

  end(): this {
    const start = this.#stack.pop();
    if (start === undefined) throw new Error('protobuf writer: end() without begin()');
    const length = this.#len - start;
    if (length >= 2 ** 28) throw new Error(`protobuf writer: nested message of ${length} bytes is too large`);
    let prefix = 1;
    while (length >= 2 ** (7 * prefix)) prefix++;
    const prefixAt = start - 4;
    if (prefix < 4) {
      const buf = this.#buf;
      const shift = 4 - prefix;
      if (length < 64) {
        for (let i = start; i < this.#len; i++) buf[i - shift] = buf[i]!;
      } else {
        buf.copyWithin(prefixAt + prefix, start, this.#len);
      }
    }
    let v = length;
    for (let i = 0; i < prefix; i++) {
      this.#buf[prefixAt + i] = (v & 0x7f) | (i < prefix - 1 ? 0x80 : 0);
      v >>>= 7;
    }
    this.#len -= 4 - prefix;
    return this;
  }

  finish(): Buffer {
    if (this.#stack.length > 0) throw new Error('protobuf writer: unclosed nested message');
    return this.#buf.subarray(0, this.#len);
  }
}
