import { text, type Lang, type Text } from "../../kernel/text.ts";
import type { ContextEntry, OversizedContext } from "./build-context.ts";

/**
 * What the student reads when the build context passes a cap: which cap, what was counted before
 * the grader stopped counting, the heaviest entries, and the fix (.dockerignore).
 */
export function contextTooLargeText(context: OversizedContext): Text {
  const say = (lang: Lang) => {
    const fr = lang === "fr";
    const cap =
      context.over === "bytes"
        ? `${fr ? "la limite de" : "the limit of"} ${formatBytes(context.caps.bytes, lang)}`
        : `${fr ? "la limite de" : "the limit of"} ${formatCount(context.caps.entries, lang)} ${fr ? "fichiers et dossiers" : "files and folders"}`;
    const counted =
      context.over === "bytes" ? formatBytes(context.countedBytes, lang) : `${formatCount(context.countedEntries, lang)} ${fr ? "entrées" : "entries"}`;
    const biggest = context.biggest.map((entry) => describeEntry(entry, context.over, lang)).join(", ");
    return fr
      ? `Le contexte de construction dépasse ${cap} (au moins ${counted} comptés avant l'arrêt du comptage). Les plus gros : ${biggest}. Excluez ce qui ne sert pas à l'image avec un fichier .dockerignore, ou sortez-le du dossier.`
      : `The build context is over ${cap} (at least ${counted} counted before the grader stopped counting). Biggest: ${biggest}. Keep what the image does not need out with a .dockerignore file, or move it out of the folder.`;
  };
  return text(say("fr"), say("en"));
}

function describeEntry(entry: ContextEntry, over: "bytes" | "entries", lang: Lang): string {
  const amount = over === "bytes" ? formatBytes(entry.bytes, lang) : `${formatCount(entry.entries, lang)} ${lang === "fr" ? "entrées" : "entries"}`;
  return `${entry.path} (≥ ${amount})`;
}

const BINARY_UNITS: Readonly<Record<Lang, readonly string[]>> = { fr: ["o", "Kio", "Mio", "Gio", "Tio"], en: ["B", "KiB", "MiB", "GiB", "TiB"] };

/** 104857600 -> `100 MiB` / `100 Mio`; one decimal below 10 units. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = BINARY_UNITS[lang];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${value.toLocaleString(lang === "fr" ? "fr-FR" : "en-US", { maximumFractionDigits: digits })} ${units[unit]}`;
}

function formatCount(count: number, lang: Lang): string {
  return count.toLocaleString(lang === "fr" ? "fr-FR" : "en-US");
}
