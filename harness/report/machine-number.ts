/**
 * A number for a file another program reads: a dot for decimals whatever the report's language, at most
 * two decimals so float noise (0.1 + 0.2) never shows, no grouping.
 */
export function machineNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}
