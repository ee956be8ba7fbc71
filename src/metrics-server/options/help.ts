import type { FlagSet } from '../../shared/flags/flag-set.ts';

/**
 * `--help` text. The shared flag printer does not indent the continuation lines of multi-line
 * usages; pflag aligns them under the usage column of their section, which is where every flag's
 * usage in that section starts (one past the widest flag, at least two spaces after it).
 */
export function helpText(flags: FlagSet): string {
  const lines = flags.help().split('\n');
  let column = 0;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const flagLine = /^( {2}-\w, | {6})--\S+(?: \S+)?? {2,}/.exec(line);
    if (flagLine) column = usageColumn(line);
    else if (line !== '' && !/^\s/.test(line) && !previousBlank && column > 0) lines[i] = ' '.repeat(column) + line;
    if (line === '' && !previousBlank && column > 0 && i + 1 < lines.length && /^ {2}/.test(lines[i + 1] ?? '')) {
      // An empty usage line (a usage ending in "\n") is printed by pflag as indentation only.
      lines[i] = ' '.repeat(column);
    }
    previousBlank = line === '';
  }
  return lines.join('\n');
}

function usageColumn(line: string): number {
  const gap = / {2,}/.exec(line.slice(line.indexOf('--')));
  return gap ? line.indexOf('--') + gap.index + gap[0].length : 0;
}
