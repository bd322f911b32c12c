import { formatNumber } from "./ui.ts";
import type { Lang, Text } from "./text.ts";

const UNITS = ["B", "kB", "MB", "GB"] as const;

/** "36 B", "300 kB", "74,8 MB": decimal units, as `docker images` and `docker history` print them. */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${formatNumber(rounded, lang)}\u00a0${UNITS[unit]}`;
}

/** The same size in both languages, for a message. */
export function bytesText(bytes: number): Text {
  return { fr: formatBytes(bytes, "fr"), en: formatBytes(bytes, "en") };
}
