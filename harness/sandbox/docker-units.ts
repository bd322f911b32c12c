/**
 * Sizes and durations as Compose and the engine spell them, for comparing a student's value with
 * the grader's ceiling. Anything these cannot read is `undefined`, and the ceiling wins.
 */

const BYTE_UNITS: Readonly<Record<string, number>> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** A byte count: `67108864`, `64m`, `64MiB`, `1.5g`, `10 MB`; units are binary, as docker/go-units reads them. */
export function parseBytes(value: string | number | undefined): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp]?)i?b?$/i.exec(value?.trim() ?? "");
  if (!match) return undefined;
  return Math.floor(Number(match[1]) * (BYTE_UNITS[(match[2] ?? "").toLowerCase()] ?? 1));
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Go duration in seconds: `3s`, `1m30s`, `500ms`. */
export function parseDurationSeconds(value: string | undefined): number | undefined {
  const text = value?.trim() ?? "";
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) seconds += Number(amount) * (DURATION_UNITS[unit ?? "s"] ?? 1);
  return seconds;
}

/** A number Compose may have kept as a string (`cpus: "0.5"`). */
export function parseNumber(value: string | number | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
