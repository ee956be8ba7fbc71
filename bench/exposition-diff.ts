/**
 * Series-by-series comparison of two Prometheus text expositions (0.0.4), grouped by family:
 * HELP and TYPE text, series present on one side only, equal series whose labels come in another
 * order, and equal series with other values (numerically, or only in how the number is written).
 */

export interface ParsedFamily {
  help?: string;
  type?: string;
  /** Canonical key (name + sorted labels) -> the series as written. */
  series: Map<string, { text: string; value: string }>;
}

export interface FamilyDiff {
  family: string;
  help?: { ours?: string; upstream?: string };
  type?: { ours?: string; upstream?: string };
  onlyUpstream: string[];
  onlyOurs: string[];
  /** Same labels, other order: upstream's text, ours. */
  labelOrder: [string, string][];
  /** Same series, different number: series, upstream value, our value. */
  values: [string, string, string][];
  /** Same number, other spelling (`1e+06` vs `1000000`). */
  spelling: [string, string, string][];
  seriesUpstream: number;
  seriesOurs: number;
}

/** Splits `name{a="x",b="y"}` into the name and label pairs, honouring escapes inside values. */
export function splitSeries(text: string): { name: string; labels: [string, string][] } {
  const brace = text.indexOf('{');
  if (brace === -1) return { name: text, labels: [] };
  const name = text.slice(0, brace);
  const labels: [string, string][] = [];
  let i = brace + 1;
  while (i < text.length && text[i] !== '}') {
    const eq = text.indexOf('=', i);
    if (eq === -1) break;
    const key = text.slice(i, eq).replace(/^,/, '');
    let j = eq + 2;
    let value = '';
    while (j < text.length && text[j] !== '"') {
      if (text[j] === '\\') {
        value += text.slice(j, j + 2);
        j += 2;
      } else {
        value += text[j];
        j++;
      }
    }
    labels.push([key, value]);
    i = j + 1;
    if (text[i] === ',') i++;
  }
  return { name, labels };
}

function canonical(name: string, labels: [string, string][]): string {
  const sorted = [...labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${name}{${sorted.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** Index of the space that ends the series part (the first outside a quoted label value). */
function seriesEnd(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ' ' && !quoted) return i;
  }
  return -1;
}

export function parseExposition(body: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { series: new Map() };
      families.set(name, f);
    }
    return f;
  };
  let current = '';
  for (const line of body.split('\n')) {
    if (line === '' || line === '# EOF') continue;
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) {
      const rest = line.slice(7);
      const space = rest.indexOf(' ');
      const name = space === -1 ? rest : rest.slice(0, space);
      const text = space === -1 ? '' : rest.slice(space + 1);
      current = name;
      if (line[2] === 'H') family(name).help = text;
      else family(name).type = text;
      continue;
    }
    if (line.startsWith('#')) continue;
    const end = seriesEnd(line);
    const text = end === -1 ? line : line.slice(0, end);
    const value = end === -1 ? '' : line.slice(end + 1);
    const { name, labels } = splitSeries(text);
    // Histogram and summary children belong to the family announced before them.
    const owner = name === current || name.startsWith(`${current}_`) ? current : name;
    family(owner).series.set(canonical(name, labels), { text, value });
  }
  return families;
}

function sameNumber(a: string, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

/**
 * Byte ranges of each family's block (from its `# HELP` or first line to the next family's), so
 * bodies larger than a JavaScript string (hundreds of MB at 150,000 pods) are diffed one family at
 * a time. Series without a header form a block named after the series.
 */
export function splitFamilies(body: Buffer): Map<string, Buffer[]> {
  const blocks = new Map<string, Buffer[]>();
  let current = '';
  let blockStart = 0;
  const close = (end: number) => {
    if (end > blockStart && current !== '') {
      const list = blocks.get(current) ?? [];
      list.push(body.subarray(blockStart, end));
      blocks.set(current, list);
    }
  };
  for (let lineStart = 0; lineStart < body.length; ) {
    let lineEnd = body.indexOf(10, lineStart);
    if (lineEnd === -1) lineEnd = body.length;
    let name: string | undefined;
    if (body[lineStart] === 35) {
      const line = body.toString('latin1', lineStart, Math.min(lineEnd, lineStart + 400));
      if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) name = line.slice(7).split(' ')[0];
    } else if (lineEnd > lineStart) {
      let i = lineStart;
      while (i < lineEnd && body[i] !== 123 && body[i] !== 32) i++;
      const series = body.toString('latin1', lineStart, i);
      if (series !== current && !series.startsWith(`${current}_`)) name = series;
    }
    if (name !== undefined && name !== current) {
      close(lineStart);
      current = name;
      blockStart = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  close(body.length);
  return blocks;
}

export function diffExpositions(upstream: Buffer | string, ours: Buffer | string): FamilyDiff[] {
  const upBlocks = splitFamilies(Buffer.isBuffer(upstream) ? upstream : Buffer.from(upstream));
  const ourBlocks = splitFamilies(Buffer.isBuffer(ours) ? ours : Buffer.from(ours));
  const names = [...new Set([...upBlocks.keys(), ...ourBlocks.keys()])].sort();
  const out: FamilyDiff[] = [];
  const parse = (blocks: Buffer[] | undefined, family: string): ParsedFamily => {
    const parsed = new Map<string, ParsedFamily>();
    for (const b of blocks ?? []) {
      for (const [name, f] of parseExposition(b.toString('utf8'))) {
        const into = parsed.get(name);
        if (!into) parsed.set(name, f);
        else {
          into.help ??= f.help;
          into.type ??= f.type;
          for (const [k, v] of f.series) into.series.set(k, v);
        }
      }
    }
    return parsed.get(family) ?? { series: new Map() };
  };
  for (const family of names) {
    const u = parse(upBlocks.get(family), family);
    const o = parse(ourBlocks.get(family), family);
    const d: FamilyDiff = {
      family,
      onlyUpstream: [],
      onlyOurs: [],
      labelOrder: [],
      values: [],
      spelling: [],
      seriesUpstream: u.series.size,
      seriesOurs: o.series.size,
    };
    if (u.help !== o.help)
      d.help = { ...(o.help !== undefined && { ours: o.help }), ...(u.help !== undefined && { upstream: u.help }) };
    if (u.type !== o.type)
      d.type = { ...(o.type !== undefined && { ours: o.type }), ...(u.type !== undefined && { upstream: u.type }) };
    for (const [key, us] of u.series) {
      const os = o.series.get(key);
      if (!os) {
        d.onlyUpstream.push(us.text);
        continue;
      }
      if (os.text !== us.text) d.labelOrder.push([us.text, os.text]);
      if (os.value !== us.value) {
        if (sameNumber(os.value, us.value)) d.spelling.push([us.text, us.value, os.value]);
        else d.values.push([us.text, us.value, os.value]);
      }
    }
    for (const [key, os] of o.series) if (!u.series.has(key)) d.onlyOurs.push(os.text);
    out.push(d);
  }
  return out;
}

export function isClean(d: FamilyDiff): boolean {
  return (
    !d.help &&
    !d.type &&
    d.onlyUpstream.length === 0 &&
    d.onlyOurs.length === 0 &&
    d.labelOrder.length === 0 &&
    d.values.length === 0 &&
    d.spelling.length === 0
  );
}

/** Human report: one block per family that differs, `examples` lines of each kind. */
export function formatDiff(diffs: FamilyDiff[], examples = 3): string {
  const lines: string[] = [];
  const dirty = diffs.filter((d) => !isClean(d));
  const identical = diffs.length - dirty.length;
  lines.push(`${diffs.length} families: ${identical} identical, ${dirty.length} differ`);
  const show = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`  ${title}: ${items.length}`);
    for (const item of items.slice(0, examples)) lines.push(`    ${item}`);
  };
  for (const d of dirty) {
    lines.push(`${d.family} (upstream ${d.seriesUpstream} series, ours ${d.seriesOurs})`);
    if (d.help)
      lines.push(`  HELP upstream: ${d.help.upstream ?? '(none)'}\n  HELP ours:     ${d.help.ours ?? '(none)'}`);
    if (d.type) lines.push(`  TYPE upstream: ${d.type.upstream ?? '(none)'}, ours: ${d.type.ours ?? '(none)'}`);
    show('only upstream', d.onlyUpstream);
    show('only ours', d.onlyOurs);
    show(
      'label order',
      d.labelOrder.map(([u, o]) => `upstream ${u}\n    ours     ${o}`),
    );
    show(
      'values',
      d.values.map(([s, u, o]) => `${s} upstream=${u} ours=${o}`),
    );
    show(
      'number spelling',
      d.spelling.map(([s, u, o]) => `${s} upstream=${u} ours=${o}`),
    );
  }
  return lines.join('\n');
}
