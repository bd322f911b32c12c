import type { ComposeModel } from "../engine/compose-model.ts";
import { COURSE } from "../kernel/course-outline.ts";
import type { FindingInput } from "../kernel/findings.ts";
import { text, type Text } from "../kernel/text.ts";
import { locateKey, type KeyLocation, type YamlText } from "./key-lines.ts";
import { fixedNames, type FixedName } from "./run-names.ts";

/** `container_name` in a service. */
export const CONTAINER_NAME_RULE = "DG6001";
/** A fixed `name:` on a network or a volume the project creates. */
export const FIXED_RESOURCE_NAME_RULE = "DG6002";

/** A Compose file of the project as written, with its path relative to the submission. */
export interface WrittenComposeFile {
  readonly text: YamlText & { readonly file: string };
}

/**
 * What the grader tells a student about the names their file fixes: the run does not suffer from
 * them (the override moves them, run-override.ts), but every other place the file is started does.
 * A finding costs nothing unless a check grades it; each sits on the line of the name, in the file
 * that writes it (the last file that does, as Compose's merge keeps the last).
 */
export function fixedNameFindings(model: ComposeModel, files: readonly WrittenComposeFile[]): FindingInput[] {
  const first = files[0]?.text.file;
  if (first === undefined) return [];
  return fixedNames(model).map((fixed) => {
    const place = placeOf(fixed, files) ?? { file: first };
    return {
      kind: "lint",
      rule: fixed.kind === "container" ? CONTAINER_NAME_RULE : FIXED_RESOURCE_NAME_RULE,
      severity: "warning",
      message: messageOf(fixed),
      ...place,
      course: fixed.kind === "container" ? COURSE.compose.composeFile : COURSE.compose.networksVolumes,
    };
  });
}

function placeOf(fixed: FixedName, files: readonly WrittenComposeFile[]): { file: string; line: number } | undefined {
  let best: { file: string; at: KeyLocation } | undefined;
  for (const file of files) {
    const source = file.text;
    const found = locateKey(source, fixed.at);
    // Only the file that writes the name itself: a file holding just the service says nothing of it.
    if (found && found.depth === fixed.at.length && (!best || found.depth >= best.at.depth)) best = { file: source.file, at: found };
  }
  return best && { file: best.file, line: best.at.line };
}

function messageOf(fixed: FixedName): Text {
  const { declared, key } = fixed;
  if (fixed.kind === "container") {
    return text(
      `\`container_name: ${declared}\` fixe le nom du conteneur de « ${key} » sur tout l'hôte : une seule copie du projet peut tourner à la fois (un 2e \`docker compose -p autre up\`, un collègue sur la même machine, un conteneur « ${declared} » laissé d'un essai échouent : « name already in use »), et \`docker compose up --scale ${key}=2\` est refusé. Retirez-le : Compose nomme le conteneur d'après le projet (\`<projet>-${key}-1\`), et les autres services le joignent par son nom de service, « ${key} ». Le correcteur l'a renommé pour sa propre exécution.`,
      `\`container_name: ${declared}\` fixes the name of "${key}"'s container on the whole host: only one copy of the project can run at a time (a second \`docker compose -p other up\`, a colleague on the same machine, a "${declared}" container left over from a test all fail: "name already in use"), and \`docker compose up --scale ${key}=2\` is refused. Remove it: Compose names the container after the project (\`<project>-${key}-1\`), and the other services reach it by its service name, "${key}". The grader renamed it for its own run.`,
    );
  }
  const kind = fixed.kind === "network" ? text("réseau", "network") : text("volume", "volume");
  const shared =
    fixed.kind === "network"
      ? text("partagent le même réseau et s'y voient", "share the same network and see each other on it")
      : text(
          "partagent les mêmes données, et un `down -v` de l'une les efface sous les autres",
          "share the same data, and one copy's `down -v` wipes it under the others",
        );
  return text(
    `\`name: ${declared}\` fixe le nom du ${kind.fr} « ${key} » sur tout l'hôte : toutes les copies du projet (un 2e \`docker compose -p autre up\`, un collègue, un autre exercice qui choisit le même nom) ${shared.fr}. Retirez \`name:\` : Compose préfixe alors le nom du projet (\`<projet>_${key}\`). Pour partager exprès un ${kind.fr} entre projets, déclarez-le \`external: true\` et créez-le à part. Le correcteur l'a renommé pour sa propre exécution.`,
    `\`name: ${declared}\` fixes the name of ${kind.en} "${key}" on the whole host: every copy of the project (a second \`docker compose -p other up\`, a colleague, another exercise that picks the same name) ${shared.en}. Remove \`name:\`: Compose then prefixes the project's name (\`<project>_${key}\`). To share a ${kind.en} between projects on purpose, declare it \`external: true\` and create it apart. The grader renamed it for its own run.`,
  );
}
