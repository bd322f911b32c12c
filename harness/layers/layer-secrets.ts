import { basename } from "node:path";
import { findFileSecrets, findSecretAssignments, mask } from "../secrets/secret-detector.ts";
import type { ShippedFile } from "./layer-changes.ts";
import type { SavedLayer, SecretHit } from "./saved-image.ts";

/** A credential found in a layer, and whether the final image still ships it. */
export interface LayerSecret extends SecretHit {
  readonly layer: number;
  /** With a leading slash, as the student would `ls` it. */
  readonly path: string;
  readonly bytes: number;
  /** A later layer deleted or replaced it: gone from the container, still in the layer's tar. */
  readonly deleted: boolean;
}

/** `.env`, `.env.production`; the examples a project commits on purpose are not secrets. */
const ENV_FILE = /^\.env(\.[\w-]+)?$/;
const ENV_EXAMPLE = /\.(example|sample|template|dist|defaults?)$/;
/** Files that exist to hold a credential: their name is enough. */
const CREDENTIAL_FILES: readonly { pattern: RegExp; rule: string }[] = [
  { pattern: /(^|\/)\.aws\/credentials$/, rule: "secret/cloud-credentials" },
  { pattern: /(^|\/)\.config\/gcloud\/(application_default_credentials|credentials)\.json$/, rule: "secret/cloud-credentials" },
  { pattern: /(^|\/)\.git-credentials$/, rule: "secret/token" },
  { pattern: /(^|\/)\.ssh\/id_(rsa|dsa|ecdsa|ed25519)$/, rule: "secret/private-key" },
];

/**
 * The secret scan of one small file of a layer (its name and first bytes): private keys by their
 * header, `.env` files holding a value, credential files by name, tokens and cloud keys by shape.
 */
export function scanLayerFile(path: string, head: Buffer): SecretHit[] {
  const hits = new Map<string, SecretHit>();
  const name = basename(path);
  for (const { pattern, rule } of CREDENTIAL_FILES) {
    if (pattern.test(path) && head.length > 0) hits.set(rule, { rule, excerpt: name });
  }
  // Binary files (a NUL in their first bytes) carry no readable credential.
  const text = head.includes(0) ? "" : head.toString("utf8");
  if (ENV_FILE.test(name) && !ENV_EXAMPLE.test(name)) {
    const values = [...text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/gm)].filter(
      (match) => (match[2] ?? "").replace(/^["']|["']$/g, "") !== "",
    );
    const first = values[0];
    if (first) hits.set("secret/env-file", { rule: "secret/env-file", excerpt: `${first[1]}=${mask(first[2] ?? "")}` });
  }
  for (const finding of findFileSecrets(path, text)) {
    const rule = ruleOf(finding.reason);
    if (!hits.has(rule)) hits.set(rule, { rule, excerpt: finding.excerpt });
  }
  // `PASSWORD=…` lines in a file that is not named .env (config.ini, settings.sh) read like one,
  // unless its name says it is an example of one.
  if (!hits.has("secret/env-file") && !ENV_EXAMPLE.test(name)) {
    const assignment = findSecretAssignments(
      path,
      [...text.matchAll(/^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=\s*["']?([^"'\s]{8,})["']?\s*$/gm)].map((m) => [m[1] as string, m[2] as string]),
    )[0];
    if (assignment && !hits.has("secret/token")) hits.set("secret/token", { rule: "secret/token", excerpt: assignment.excerpt });
  }
  return [...hits.values()];
}

function ruleOf(reason: string): string {
  if (reason === "private key") return "secret/private-key";
  if (/^(AWS|Google)/.test(reason)) return "secret/cloud-credentials";
  return "secret/token";
}

/** Every secret of every layer, bottom first, with whether a later layer hid it. */
export function layerSecrets(layers: readonly SavedLayer[], final: ReadonlyMap<string, ShippedFile>): LayerSecret[] {
  return layers.flatMap((layer, index) =>
    layer.files.flatMap((file) =>
      (file.secrets ?? []).map((hit) => ({ ...hit, layer: index, path: `/${file.path}`, bytes: file.size, deleted: final.get(file.path)?.layer !== index })),
    ),
  );
}
