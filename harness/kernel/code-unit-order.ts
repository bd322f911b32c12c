/**
 * Orders strings by UTF-16 code unit, the same on every machine and locale (`localeCompare` is
 * not): what makes class lists, shards and result files come out identical wherever they are made.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
