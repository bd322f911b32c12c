/**
 * Whether a host address stays on the host: 127.0.0.0/8 and ::1 (bracketed or not). Read both on
 * what a Compose file declares and on what the engine bound.
 */
export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1" || address === "[::1]";
}
