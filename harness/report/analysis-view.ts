import { formatNumber, formatPercent } from "../kernel/ui.ts";
import { formatBytes } from "../kernel/byte-size.ts";
import type { Finding, FindingKind, FindingSeverity, GradeResult, ImageAnalysis } from "../kernel/result.ts";
import { text, type Lang, type Text } from "../kernel/text.ts";

/**
 * The words of the findings and layers sections. Kept beside their view rather than in the shared
 * vocabulary (harness/kernel/ui.ts) because only these sections use them.
 */
const WORDS = {
  findings: text("Constats", "Findings"),
  images: text("Couches des images", "Image layers"),
  layer: text("Couche", "Layer"),
  instruction: text("Instruction", "Instruction"),
  line: text("Ligne", "Line"),
  size: text("Taille", "Size"),
  files: text("Fichiers +/~/−", "Files +/~/−"),
  filesTitle: text("ajoutés / modifiés / supprimés", "added / changed / removed"),
  waste: text("Gaspillé", "Wasted"),
  efficiency: text("Efficacité", "Efficiency"),
  total: text("Taille totale", "Total size"),
  largest: text("Plus gros fichiers", "Largest files"),
  path: text("Chemin", "Path"),
  base: text("image de base", "base image"),
} as const satisfies Record<string, Text>;

const SEVERITY: Readonly<Record<FindingSeverity, Text>> = {
  error: text("erreur", "error"),
  warning: text("avertissement", "warning"),
  info: text("info", "info"),
};

const KINDS: Readonly<Record<FindingKind, Text>> = {
  secret: text("Secrets dans les couches", "Secrets in the layers"),
  content: text("Contenu inutile dans l'image", "Unneeded content in the image"),
  waste: text("Octets gaspillés", "Wasted bytes"),
  lint: text("Analyse du Dockerfile", "Dockerfile lint"),
};

/** Secrets first: they matter most; lint last: it is advice on style as much as on substance. */
const KIND_ORDER: readonly FindingKind[] = ["secret", "content", "waste", "lint"];

export function analysisWords(lang: Lang): { readonly [K in keyof typeof WORDS]: string } {
  return Object.fromEntries(Object.entries(WORDS).map(([key, word]) => [key, word[lang]])) as { [K in keyof typeof WORDS]: string };
}

/** `Dockerfile:12`, or the file alone when no line is known. */
export function findingPlace(finding: Pick<Finding, "file" | "line">): string {
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

/** Findings grouped by kind in a fixed order, each group in the result's order (file, line). */
export function findingGroups(result: GradeResult) {
  const { lang } = result;
  const findings = result.findings ?? [];
  return KIND_ORDER.map((kind) => ({
    kind,
    title: KINDS[kind][lang],
    findings: findings
      .filter((finding) => finding.kind === kind)
      .map((finding) => ({
        severity: finding.severity,
        severityName: SEVERITY[finding.severity][lang],
        place: findingPlace(finding),
        rule: finding.rule,
        message: finding.message,
        path: finding.path ?? "",
        bytes: finding.bytes === undefined ? "" : formatBytes(finding.bytes, lang),
        course: finding.course ?? "",
      })),
  })).filter((group) => group.findings.length > 0);
}

export function imageViews(result: GradeResult) {
  return (result.images ?? []).map((image) => imageView(image, result.lang));
}

function imageView(image: ImageAnalysis, lang: Lang) {
  const base = WORDS.base[lang];
  return {
    name: image.name,
    digest: image.digest.replace(/^sha256:/, "").slice(0, 12),
    bytes: formatBytes(image.bytes, lang),
    wasted: formatBytes(image.wastedBytes, lang),
    efficiency: formatPercent(image.efficiency, lang),
    layers: image.layers.map((layer) => ({
      number: layer.index + 1,
      instruction: layer.instruction,
      place: layer.file === undefined ? base : findingPlace({ file: layer.file, ...(layer.line === undefined ? {} : { line: layer.line }) }),
      bytes: formatBytes(layer.bytes, lang),
      files: `+${formatNumber(layer.filesAdded, lang)} ~${formatNumber(layer.filesChanged, lang)} −${formatNumber(layer.filesRemoved, lang)}`,
      waste: layer.wastedBytes === 0 ? "" : formatBytes(layer.wastedBytes, lang),
    })),
    largestFiles: image.largestFiles.map((file) => ({ path: file.path, bytes: formatBytes(file.bytes, lang), layer: file.layer + 1 })),
  };
}

const COUNTED_KINDS: Readonly<Record<FindingKind, Text>> = {
  secret: text("secret(s)", "secret(s)"),
  content: text("contenu(s) inutile(s)", "unneeded content"),
  waste: text("gaspillage(s)", "waste"),
  lint: text("remarque(s) de lint", "lint finding(s)"),
};

/**
 * The terminal's short account: one line per image (layers, size, efficiency, waste) and one
 * counting the findings by kind; the HTML report has the details.
 */
export function analysisSummary(result: GradeResult): string[] {
  const { lang } = result;
  const images = (result.images ?? []).map((image) =>
    lang === "fr"
      ? `${image.name} : ${image.layers.length} couches, ${formatBytes(image.bytes, lang)}, efficacité ${formatPercent(image.efficiency, lang)}, ${formatBytes(image.wastedBytes, lang)} gaspillés`
      : `${image.name}: ${image.layers.length} layers, ${formatBytes(image.bytes, lang)}, efficiency ${formatPercent(image.efficiency, lang)}, ${formatBytes(image.wastedBytes, lang)} wasted`,
  );
  const findings = result.findings ?? [];
  const counts = KIND_ORDER.map((kind) => [kind, findings.filter((finding) => finding.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${formatNumber(count, lang)} ${COUNTED_KINDS[kind][lang]}`);
  return counts.length === 0 ? images : [...images, counts.join(", ")];
}
