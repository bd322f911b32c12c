/** A value in image metadata that looks like a credential; `excerpt` is masked for the report. */
export interface SecretFinding {
  readonly where: string;
  readonly key?: string;
  readonly excerpt: string;
  readonly reason: string;
}

/** Whole words of a SNAKE_CASE name, so that AUTHOR or TOKENIZER do not match. */
const SECRET_NAME = /(^|_)(pass(word|wd)?|secret|token|api_?key|private_?key|credentials?|auth)(_|$)/i;
/** `DB_PASSWORD_FILE=/run/secrets/db` is the good practice, not a leak. */
const REFERENCE_NAME = /_(FILE|PATH|DIR)$/i;

const SECRET_SHAPES: readonly { name: string; pattern: RegExp }[] = [
  { name: "AWS access key", pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  { name: "GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/ },
  { name: "npm token", pattern: /\bnpm_[A-Za-z0-9]{30,}\b/ },
  { name: "GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { name: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: "Stripe key", pattern: /\bsk_live_[A-Za-z0-9]{20,}\b/ },
  { name: "private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

export function mask(value: string): string {
  return value.length <= 4 ? "****" : `${value.slice(0, 3)}…(${value.length} chars)`;
}

/** `NAME=value` pairs: secret-looking names with a non-empty literal value. */
export function findSecretAssignments(where: string, assignments: readonly [string, string][]): SecretFinding[] {
  return assignments
    .filter(([key, value]) => SECRET_NAME.test(key) && !REFERENCE_NAME.test(key) && value.trim() !== "" && !value.startsWith("/"))
    .map(([key, value]) => ({ where, key, excerpt: `${key}=${mask(value)}`, reason: "secret-looking name with a value" }));
}

/** Free text (a history line): well-known credential formats anywhere in it. */
export function findSecretShapes(where: string, content: string): SecretFinding[] {
  return SECRET_SHAPES.flatMap(({ name, pattern }) => {
    const match = pattern.exec(content);
    return match ? [{ where, excerpt: mask(match[0]), reason: name }] : [];
  });
}

/** `KEY=value` and `KEY="a value"` pairs in a history line (build args show as `|2 A=1 B=2 /bin/sh -c …`). */
export function assignmentsIn(line: string): [string, string][] {
  return [...line.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"']+)/g)].map((match) => [
    match[1] as string,
    (match[2] as string).replace(/^["']|["']$/g, ""),
  ]);
}

/**
 * Credentials as files hold them, beyond the shapes above: kept apart so that the checks of ENV,
 * ARG, history and Compose files keep their findings. `${NPM_TOKEN}` in an .npmrc is a reference.
 */
const FILE_SECRET_SHAPES: readonly { name: string; pattern: RegExp }[] = [
  { name: "AWS secret access key", pattern: /\baws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i },
  { name: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: "npm token", pattern: /_auth(Token)?\s*=\s*(?!\$\{)[^\s]{16,}/ },
  { name: "registry credentials", pattern: /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/ },
  { name: "password in a URL", pattern: /\bhttps?:\/\/[^\s:/@]+:[^\s@/$]{4,}@[^\s/]+/ },
];

/** The start of a text file from an image layer: well-known credential formats in it. */
export function findFileSecrets(where: string, content: string): SecretFinding[] {
  return [
    ...findSecretShapes(where, content),
    ...FILE_SECRET_SHAPES.flatMap(({ name, pattern }) => {
      const match = pattern.exec(content);
      return match ? [{ where, excerpt: mask(match[0]), reason: name }] : [];
    }),
  ];
}
