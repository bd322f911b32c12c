import { text, type Text } from "../../kernel/text.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { locatedAt, serviceKey } from "../shared-setup/compose-lines.ts";
import { declaredMount, describeRuntimeMount, runtimeMountAt, type DeclaredMount } from "./mount-rules.ts";
import { runningService } from "./service-container.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { storageSession } from "./storage-session.ts";

export interface VolumeKindOptions {
  readonly service: string;
  /** The app's data folder inside the container, e.g. /var/lib/kv. */
  readonly target: string;
  /** What the exercise asks for there: a named volume of the project, or a bind mount of the submission. */
  readonly kind: "volume" | "bind";
}

/**
 * The data folder is the kind of mount the exercise asks for, in the resolved model (what the
 * student wrote) and in the started container's Mounts (what the engine did).
 */
export function volumeKindCheck(options: VolumeKindOptions, overrides: CheckOverrides = {}) {
  const { service, target, kind } = options;
  return defineCheck(
    {
      id: "storage-volume-kind",
      title:
        kind === "volume"
          ? text(`Un volume nommé du projet est monté sur ${target}`, `A named volume of the project is mounted on ${target}`)
          : text(`Un bind mount du dossier rendu est monté sur ${target}`, `A bind mount of the submission is mounted on ${target}`),
      points: 2,
      needs: ["stack-up"],
      course: kind === "volume" ? COURSE.storage.namedVolumes : COURSE.storage.bindMounts,
      hint:
        kind === "volume"
          ? text(
              `Déclarez le volume au premier niveau (\`volumes: { data: {} }\`) et montez-le dans le service : \`volumes: ["data:${target}"]\`. Sans nom (\`VOLUME\` dans le Dockerfile, ou \`- ${target}\` seul), le volume est anonyme et un \`docker compose down\` le perd ; sans \`name:\` fixe, Compose le préfixe du nom du projet.`,
              `Declare the volume at the top level (\`volumes: { data: {} }\`) and mount it in the service: \`volumes: ["data:${target}"]\`. Without a name (\`VOLUME\` in the Dockerfile, or \`- ${target}\` alone) the volume is anonymous and a \`docker compose down\` loses it; without a fixed \`name:\`, Compose prefixes it with the project name.`,
            )
          : text(
              `Montez un dossier du rendu : \`volumes: ["./data:${target}"]\` (chemin relatif au compose.yaml).`,
              `Mount a folder of the submission: \`volumes: ["./data:${target}"]\` (a path relative to compose.yaml).`,
            ),
      run: locatedAt(serviceKey(service, "volumes"), async (ctx) => {
        const session = await ctx.use(storageSession);
        const declared = declaredMount(session.project.model, service, target);
        const judged = kind === "volume" ? judgeVolume(declared, target) : judgeBind(declared, target);
        if (judged) return judged;
        const lookup = await runningService(session.stack, service);
        if (!lookup.ok) return lookup.verdict;
        const { Mounts } = await lookup.container.inspect();
        const mounted = runtimeMountAt(Mounts ?? [], target);
        const expected = declared.kind === "named" ? `volume ${declared.name}` : `bind ${declared.kind === "bind" ? declared.source : ""}`;
        const matches =
          declared.kind === "named"
            ? mounted?.Type === "volume" && mounted.Name === declared.name
            : mounted?.Type === "bind" && declared.kind === "bind" && mounted.Source === declared.source;
        if (!matches) {
          return failed(
            text(
              `Le conteneur démarré n'a pas ce que déclare le fichier Compose sur ${target}.`,
              `The started container does not have what the Compose file declares on ${target}.`,
            ),
            { expected, actual: describeRuntimeMount(mounted) },
          );
        }
        return passed(text(`${target} : ${expected} (fichier Compose et conteneur).`, `${target}: ${expected} (Compose file and container).`));
      }),
    },
    overrides,
  );
}

/** The verdict when the declaration already fails, else undefined (then the container is checked). */
function judgeVolume(declared: DeclaredMount, target: string): Verdict | undefined {
  const fail = (message: Text, actual: string, credit = 0) => failed(message, { expected: `named volume -> ${target}`, actual, credit });
  switch (declared.kind) {
    case "named":
      if (declared.external) {
        return fail(
          text(
            `Le volume « ${declared.key} » est externe : il n'appartient pas au projet, qui ne le crée pas.`,
            `Volume "${declared.key}" is external: it does not belong to the project, which does not create it.`,
          ),
          `external volume ${declared.name}`,
          0.5,
        );
      }
      if (!declared.projectScoped) {
        return fail(
          text(
            `Le volume porte un nom fixe (« ${declared.name} ») : toutes les copies du projet partageraient les mêmes données. Retirez \`name:\` pour que Compose le préfixe du nom du projet.`,
            `The volume has a fixed name ("${declared.name}"): every copy of the project would share the same data. Remove \`name:\` so that Compose prefixes it with the project name.`,
          ),
          `volume ${declared.name}`,
          0.5,
        );
      }
      return undefined;
    case "anonymous":
      return fail(
        text(
          `${target} est un volume anonyme : il survit à une recréation du conteneur, mais pas à \`docker compose down\`.`,
          `${target} is an anonymous volume: it survives a container recreation, but not \`docker compose down\`.`,
        ),
        "anonymous volume",
        0.5,
      );
    case "bind":
      return fail(
        text(
          `${target} est un bind mount (${declared.source}) : les données dépendent d'un dossier de l'hôte, de ses droits et de son UID.`,
          `${target} is a bind mount (${declared.source}): the data depends on a host folder, its permissions and its UID.`,
        ),
        `bind ${declared.source}`,
      );
    case "tmpfs":
      return fail(
        text(`${target} est un tmpfs : tout est perdu à l'arrêt du conteneur.`, `${target} is a tmpfs: everything is lost when the container stops.`),
        "tmpfs",
      );
    case "none":
      return fail(
        text(
          `Rien n'est monté sur ${target} : les données restent dans la couche inscriptible du conteneur et disparaissent avec lui.`,
          `Nothing is mounted on ${target}: the data stays in the container's writable layer and goes away with it.`,
        ),
        declared.others.join("\n") || "(no mounts)",
      );
  }
}

function judgeBind(declared: DeclaredMount, target: string): Verdict | undefined {
  if (declared.kind === "bind") return undefined;
  const actual = declared.kind === "named" ? `volume ${declared.name}` : declared.kind;
  return failed(text(`${target} n'est pas un bind mount du dossier rendu.`, `${target} is not a bind mount of the submission.`), {
    expected: `bind ./… -> ${target}`,
    actual,
  });
}
