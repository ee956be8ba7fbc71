/**
 * A command-line parser with the semantics of spf13/pflag as Kubernetes components use it, so
 * that operators keep their manifests' flags: `--flag=value` and `--flag value`, bare booleans
 * (`--x`, `--x=false`, but `--x false` leaves `false` positional), Go durations, comma-separated
 * slices that append on repetition, `k=v` maps, shorthands (`-v 2`, `-v=2`, `-v2`), `--` ends flags.
 * `--help` prints named sections like component-base's `cliflag.PrintSections`, with pflag's
 * column layout, so a golden copy of upstream `--help` can be compared.
 */
import { formatGoDuration, parseGoDuration } from '../duration.ts';

export class FlagError extends Error {
  override name = 'FlagError';
}

export interface FlagOptions {
  shorthand?: string;
  hidden?: boolean;
  /** Deprecation message; the flag still works, is hidden from help and warns when used. */
  deprecated?: string;
  /** Overrides the type word shown in help (`Level`, `quantity`, `namedCertKey`, ...). */
  typeName?: string;
}

export interface Flag<T> {
  readonly name: string;
  readonly defaultValue: T;
  value: T;
  /** True once the flag was given on the command line (or set through `set`). */
  changed: boolean;
}

interface Definition {
  name: string;
  shorthand: string | undefined;
  usage: string;
  typeName: string;
  isBool: boolean;
  hidden: boolean;
  deprecated: string | undefined;
  defaultText: string;
  defaultIsZero: boolean;
  quoteDefault: boolean;
  flag: Flag<unknown>;
  apply(text: string): void;
}

const goBool = (text: string): boolean => {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new FlagError(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
};

const goInt = (text: string, bits = 64): number => {
  if (!/^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$/.test(text)) {
    throw new FlagError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  const n = Number(text.replace(/^([+-]?)0[oO]/, '$10o'));
  const limit = 2 ** (bits - 1);
  if (!Number.isSafeInteger(n) || n < -limit || n >= limit) {
    throw new FlagError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  }
  return n;
};

const goFloat = (text: string): number => {
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) {
    throw new FlagError(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  return n;
};

function splitList(text: string): string[] {
  if (text === '') return [];
  return text.split(',');
}

function parseMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let lastKey: string | undefined;
  for (const part of splitList(text)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      // pflag's csv-based parser joins a value containing commas back onto the previous key.
      if (lastKey === undefined) throw new FlagError(`${part} must be formatted as key=value`);
      out[lastKey] = `${out[lastKey]},${part}`;
      continue;
    }
    lastKey = part.slice(0, eq);
    out[lastKey] = part.slice(eq + 1);
  }
  return out;
}

/** A named group of flags, printed as one `--help` section. */
export class FlagSection {
  readonly title: string;
  readonly #set: FlagSet;
  readonly definitions: Definition[] = [];

  constructor(set: FlagSet, title: string) {
    this.#set = set;
    this.title = title;
  }

  #define<T>(
    name: string,
    defaultValue: T,
    usage: string,
    typeName: string,
    options: FlagOptions | undefined,
    parse: (text: string, flag: Flag<T>) => T,
    format: (v: T) => string,
    zero: (v: T) => boolean,
    extra: { isBool?: boolean; quote?: boolean } = {},
  ): Flag<T> {
    const flag: Flag<T> = { name, defaultValue, value: defaultValue, changed: false };
    const def: Definition = {
      name,
      shorthand: options?.shorthand,
      usage,
      typeName: options?.typeName ?? typeName,
      isBool: extra.isBool ?? false,
      hidden: options?.hidden ?? false,
      deprecated: options?.deprecated,
      defaultText: format(defaultValue),
      defaultIsZero: zero(defaultValue),
      quoteDefault: extra.quote ?? false,
      flag: flag as Flag<unknown>,
      apply: (text) => {
        flag.value = parse(text, flag);
        flag.changed = true;
      },
    };
    this.definitions.push(def);
    this.#set.register(def);
    return flag;
  }

  string(name: string, def: string, usage: string, options?: FlagOptions): Flag<string> {
    return this.#define(
      name,
      def,
      usage,
      'string',
      options,
      (t) => t,
      (v) => v,
      (v) => v === '',
      { quote: true },
    );
  }

  bool(name: string, def: boolean, usage: string, options?: FlagOptions): Flag<boolean> {
    return this.#define(name, def, usage, '', options, goBool, String, (v) => !v, { isBool: true });
  }

  int(name: string, def: number, usage: string, options?: FlagOptions & { bits?: 32 | 64 }): Flag<number> {
    const bits = options?.bits ?? 64;
    return this.#define(
      name,
      def,
      usage,
      bits === 32 ? 'int32' : 'int',
      options,
      (t) => goInt(t, bits),
      String,
      (v) => v === 0,
    );
  }

  float(name: string, def: number, usage: string, options?: FlagOptions): Flag<number> {
    return this.#define(name, def, usage, 'float', options, goFloat, String, (v) => v === 0);
  }

  /** Durations are milliseconds. */
  duration(name: string, defMs: number, usage: string, options?: FlagOptions): Flag<number> {
    const parse = (t: string): number => {
      try {
        return parseGoDuration(t);
      } catch (err) {
        throw new FlagError((err as Error).message);
      }
    };
    return this.#define(name, defMs, usage, 'duration', options, parse, formatGoDuration, (v) => v === 0);
  }

  /** Comma-separated; the first use replaces the default, later uses append (pflag `StringSlice`). */
  stringSlice(name: string, def: string[], usage: string, options?: FlagOptions): Flag<string[]> {
    return this.#define(
      name,
      def,
      usage,
      'strings',
      options,
      (t, f) => (f.changed ? [...f.value, ...splitList(t)] : splitList(t)),
      (v) => `[${v.join(',')}]`,
      (v) => v.length === 0,
    );
  }

  /** `k=v,k2=v2`; the first use replaces the default, later uses merge (pflag `StringToString`). */
  stringMap(
    name: string,
    def: Record<string, string>,
    usage: string,
    options?: FlagOptions,
  ): Flag<Record<string, string>> {
    return this.#define(
      name,
      def,
      usage,
      'mapStringString',
      options,
      (t, f) => (f.changed ? { ...f.value, ...parseMap(t) } : parseMap(t)),
      (v) =>
        `[${Object.keys(v)
          .sort()
          .map((k) => `${k}=${v[k]}`)
          .join(',')}]`,
      (v) => Object.keys(v).length === 0,
    );
  }

  /** A flag whose value type parses itself (KSM's `ResourceSet`, `LabelsAllowList`, ...). */
  custom<T>(
    name: string,
    def: T,
    usage: string,
    spec: {
      typeName: string;
      parse(text: string, previous: T, changed: boolean): T;
      format(v: T): string;
      isZero(v: T): boolean;
    },
    options?: FlagOptions,
  ): Flag<T> {
    return this.#define(
      name,
      def,
      usage,
      spec.typeName,
      options,
      (t, f) => spec.parse(t, f.value, f.changed),
      spec.format,
      spec.isZero,
    );
  }
}

export interface FlagSetOptions {
  /** Long description printed first by `--help`. */
  description?: string;
  /** Printed by `--version` when the command defines a `version` bool flag. */
  version?: string;
  /** Writes deprecation warnings; defaults to stderr. */
  warn?: (line: string) => void;
}

export class FlagSet {
  readonly commandLine: string;
  readonly options: FlagSetOptions;
  readonly sections: FlagSection[] = [];
  readonly #byName = new Map<string, Definition>();
  readonly #byShorthand = new Map<string, Definition>();
  helpRequested = false;

  constructor(commandLine: string, options: FlagSetOptions = {}) {
    this.commandLine = commandLine;
    this.options = options;
  }

  section(title: string): FlagSection {
    const existing = this.sections.find((s) => s.title === title);
    if (existing) return existing;
    const section = new FlagSection(this, title);
    this.sections.push(section);
    return section;
  }

  /** @internal called by sections. */
  register(def: Definition): void {
    if (this.#byName.has(def.name)) throw new Error(`flag redefined: ${def.name}`);
    this.#byName.set(def.name, def);
    if (def.shorthand) {
      if (def.shorthand.length !== 1) throw new Error(`shorthand ${JSON.stringify(def.shorthand)} must be one letter`);
      if (this.#byShorthand.has(def.shorthand)) throw new Error(`unable to redefine ${def.shorthand} shorthand`);
      this.#byShorthand.set(def.shorthand, def);
    }
  }

  lookup(name: string): Flag<unknown> | undefined {
    return this.#byName.get(name)?.flag;
  }

  /** Sets a flag as if given on the command line (KSM's `--config` file overlays flags this way). */
  set(name: string, text: string): void {
    const def = this.#byName.get(name);
    if (!def) throw new FlagError(`unknown flag: --${name}`);
    this.#apply(def, text, `--${name}`);
  }

  #apply(def: Definition, text: string, shown: string): void {
    try {
      def.apply(text);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new FlagError(`invalid argument ${JSON.stringify(text)} for "${shown}" flag: ${reason}`);
    }
    if (def.deprecated !== undefined) {
      (this.options.warn ?? ((l) => process.stderr.write(`${l}\n`)))(
        `Flag --${def.name} has been deprecated, ${def.deprecated}`,
      );
    }
  }

  /** Parses argv and returns the positional arguments. Throws FlagError with pflag's messages. */
  parse(argv: readonly string[]): string[] {
    const positional: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] as string;
      if (arg === '--') {
        positional.push(...argv.slice(i + 1));
        break;
      }
      if (arg.startsWith('--')) {
        const body = arg.slice(2);
        if (body.startsWith('-') || body.startsWith('=')) throw new FlagError(`bad flag syntax: ${arg}`);
        const eq = body.indexOf('=');
        const name = eq < 0 ? body : body.slice(0, eq);
        if (name === 'help') {
          this.helpRequested = true;
          continue;
        }
        const def = this.#byName.get(name);
        if (!def) throw new FlagError(`unknown flag: --${name}`);
        if (eq >= 0) this.#apply(def, body.slice(eq + 1), `--${name}`);
        else if (def.isBool) this.#apply(def, 'true', `--${name}`);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
          this.#apply(def, argv[++i] as string, `--${name}`);
        }
        continue;
      }
      if (arg.startsWith('-') && arg.length > 1) {
        let rest = arg.slice(1);
        while (rest.length > 0) {
          const c = rest[0] as string;
          if (c === 'h' && !this.#byShorthand.has('h')) {
            this.helpRequested = true;
            rest = rest.slice(1);
            continue;
          }
          const def = this.#byShorthand.get(c);
          if (!def) throw new FlagError(`unknown shorthand flag: '${c}' in ${arg}`);
          const shown = `-${c}, --${def.name}`;
          if (rest.length > 1 && rest[1] === '=') {
            this.#apply(def, rest.slice(2), shown);
            rest = '';
          } else if (def.isBool) {
            this.#apply(def, 'true', shown);
            rest = rest.slice(1);
          } else if (rest.length > 1) {
            this.#apply(def, rest.slice(1), shown);
            rest = '';
          } else {
            if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in ${arg}`);
            this.#apply(def, argv[++i] as string, shown);
            rest = '';
          }
        }
        continue;
      }
      positional.push(arg);
    }
    return positional;
  }

  /** The `--help` text: description, usage line, then each section with pflag's layout (no wrapping). */
  help(): string {
    let out = '';
    if (this.options.description) out += `${this.options.description}\n\n`;
    out += `Usage:\n  ${this.commandLine} [flags]\n`;
    for (const section of this.sections) {
      const usages = flagUsages(section.definitions);
      if (usages === '') continue;
      const title = /(^| )flags$/i.test(section.title) ? section.title : `${section.title} flags`;
      out += `\n${title[0]?.toUpperCase()}${title.slice(1)}:\n\n${usages}`;
    }
    return out;
  }
}

/** pflag's `FlagUsagesWrapped(0)`: sorted by name, usage column aligned one past the longest flag. */
function flagUsages(defs: readonly Definition[]): string {
  const lines: string[] = [];
  let maxlen = 0;
  for (const def of [...defs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (def.hidden || def.deprecated !== undefined) continue;
    let line = def.shorthand ? `  -${def.shorthand}, --${def.name}` : `      --${def.name}`;
    let usage = def.usage;
    let varname = def.typeName;
    // pflag takes a `backquoted` word of the usage as the value's name.
    const bq = /`([^`]*)`/.exec(usage);
    if (bq) {
      varname = bq[1] as string;
      usage = usage.replace(/`([^`]*)`/, '$1');
    }
    if (varname !== '') line += ` ${varname}`;
    line += '\u0000';
    if (line.length > maxlen) maxlen = line.length;
    line += usage;
    if (!def.defaultIsZero) {
      line += def.quoteDefault ? ` (default ${JSON.stringify(def.defaultText)})` : ` (default ${def.defaultText})`;
    }
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\u0000');
    out += `${line.slice(0, sidx)} ${' '.repeat(maxlen - sidx)} ${line.slice(sidx + 1)}\n`;
  }
  return out;
}

/**
 * Parses flags and runs the command body: `--help` prints help on stdout (exit 0), a `version`
 * flag prints the version (exit 0), a parse error prints `Error: <reason>` on stderr and returns 1
 * before anything starts.
 */
export async function runCommand(
  flags: FlagSet,
  argv: readonly string[],
  body: (positional: string[]) => Promise<number>,
): Promise<number> {
  let positional: string[];
  try {
    positional = flags.parse(argv);
  } catch (err) {
    if (err instanceof FlagError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (flags.helpRequested) {
    process.stdout.write(flags.help());
    return 0;
  }
  if (flags.lookup('version')?.value === true) {
    process.stdout.write(`${flags.options.version ?? 'unknown'}\n`);
    return 0;
  }
  return body(positional);
}
