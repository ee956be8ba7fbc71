/**
 * Kubernetes `IntOrString` fields such as `maxSurge` / `maxUnavailable`, scaled against a total
 * the way `intstr.GetScaledValueFromIntOrPercent` does: integers pass through, `"25%"` becomes
 * `ceil` (or `floor`) of that share of `total`, anything else is an error (`undefined`).
 */
export function scaledIntOrPercent(v: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string' || !v.endsWith('%')) return undefined;
  const digits = v.slice(0, -1);
  // Go's strconv.Atoi: optional sign, decimal digits only.
  if (!/^[+-]?\d+$/.test(digits)) return undefined;
  const percent = Number(digits);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
