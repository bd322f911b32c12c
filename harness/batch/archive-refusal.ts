import { text, type Text } from "../kernel/text.ts";
import { formatBytes } from "../engine/build/build-context-message.ts";

/** Why an archive was not extracted; stable ids, so a report can group refusals. */
export type ArchiveRefusal =
  | "unknown-format"
  | "unreadable"
  | "encrypted"
  | "absolute-path"
  | "parent-path"
  | "windows-path"
  | "invalid-name"
  | "link"
  | "special-file"
  | "duplicate"
  | "too-many-entries"
  | "too-many-bytes"
  | "compression-ratio";

/**
 * The archive is refused: nothing of it is left on disk. Names the entry (when one is at fault) and
 * the reason in both languages; `message` is the English one, for logs.
 */
export class ArchiveRefusedError extends Error {
  readonly text: Text;

  constructor(
    readonly archive: string,
    readonly reason: ArchiveRefusal,
    readonly entry?: string,
    /** The cap that was passed, or the reader's own words for a damaged archive. */
    context: RefusalContext = {},
  ) {
    const detail = REFUSAL_DETAILS[reason](context);
    const where = entry === undefined ? text("", "") : text(` (entrée « ${entry} »)`, ` (entry "${entry}")`);
    const said = text(`Archive ${archive} refusée${where.fr} : ${detail.fr}`, `Archive ${archive} refused${where.en}: ${detail.en}`);
    super(said.en);
    this.name = "ArchiveRefusedError";
    this.text = said;
  }
}

export interface RefusalContext {
  readonly cap?: number;
  readonly cause?: string;
}

/** What each refusal says, and what the student should do about it. */
const REFUSAL_DETAILS: Readonly<Record<ArchiveRefusal, (context: RefusalContext) => Text>> = {
  "unknown-format": () =>
    text(
      "ce n'est ni un .zip, ni un .tar, ni un .tar.gz. Déposez une archive dans l'un de ces formats.",
      "it is neither a .zip, a .tar nor a .tar.gz. Hand in an archive in one of these formats.",
    ),
  unreadable: ({ cause }) =>
    text(
      `elle est endommagée ou tronquée (${cause}). Recréez l'archive et déposez-la de nouveau.`,
      `it is damaged or truncated (${cause}). Create the archive again and hand it in again.`,
    ),
  encrypted: () => text("elle est chiffrée. Déposez une archive sans mot de passe.", "it is encrypted. Hand in an archive without a password."),
  "absolute-path": () =>
    text(
      "un chemin absolu écrirait hors du dossier d'extraction. Créez l'archive depuis le dossier du rendu.",
      "an absolute path would write outside the extraction folder. Create the archive from inside the submission folder.",
    ),
  "parent-path": () =>
    text(
      "un composant « .. » écrirait hors du dossier d'extraction. Créez l'archive depuis le dossier du rendu.",
      'a ".." component would write outside the extraction folder. Create the archive from inside the submission folder.',
    ),
  "windows-path": () =>
    text(
      "un chemin Windows (lecteur ou barre oblique inverse) n'a pas de sens ici. Créez l'archive avec un outil qui écrit des « / ».",
      'a Windows path (drive letter or backslash) has no meaning here. Create the archive with a tool that writes "/" separators.',
    ),
  "invalid-name": () => text("le nom est vide ou contient un caractère nul.", "the name is empty or holds a NUL character."),
  link: () =>
    text(
      "les liens (symboliques ou physiques) sont refusés dans une archive. Remplacez-les par les fichiers eux-mêmes.",
      "links (symbolic or hard) are refused in an archive. Replace them with the files themselves.",
    ),
  "special-file": () =>
    text(
      "les périphériques, tubes nommés et autres fichiers spéciaux sont refusés. Ne gardez que des fichiers et des dossiers.",
      "devices, named pipes and other special files are refused. Keep only files and folders.",
    ),
  duplicate: () =>
    text("ce chemin apparaît deux fois ; la seconde entrée écraserait la première.", "this path appears twice; the second entry would overwrite the first."),
  "too-many-entries": ({ cap }) =>
    text(
      `plus de ${cap} entrées. Retirez les dépendances et fichiers générés (node_modules, .git, build/).`,
      `more than ${cap} entries. Remove dependencies and generated files (node_modules, .git, build/).`,
    ),
  "too-many-bytes": ({ cap = 0 }) =>
    text(
      `plus de ${formatBytes(cap, "fr")} une fois extraite. Retirez les dépendances et fichiers générés.`,
      `more than ${formatBytes(cap, "en")} once extracted. Remove dependencies and generated files.`,
    ),
  "compression-ratio": ({ cap }) =>
    text(
      `elle se décompresse à plus de ${cap} fois sa taille : c'est une bombe de décompression, pas un rendu.`,
      `it expands to more than ${cap} times its size: that is a decompression bomb, not a submission.`,
    ),
};
