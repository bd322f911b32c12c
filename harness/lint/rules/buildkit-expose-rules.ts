import { COURSE } from "../../kernel/course-outline.ts";
import { text, type Text } from "../../kernel/text.ts";
import type { LintHit, LintRule } from "../lint-rule.ts";
import type { LintedDockerfile } from "../linted-dockerfile.ts";

export const exposeProtoCasingRule: LintRule = {
  id: "DG3130",
  buildkit: "ExposeProtoCasing",
  severity: "warning",
  title: text("Le protocole d'EXPOSE en minuscules", "EXPOSE's protocol in lower case"),
  help: text(
    "Le protocole d'un port exposé s'écrit en minuscules : `EXPOSE 80/tcp`, `EXPOSE 53/udp`, pas `80/TCP` (BuildKit : ExposeProtoCasing). Sans protocole, c'est tcp.",
    "An exposed port's protocol is written in lower case: `EXPOSE 80/tcp`, `EXPOSE 53/udp`, not `80/TCP` (BuildKit: ExposeProtoCasing). Without a protocol, it is tcp.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    exposedPorts(dockerfile, (port) => {
      const protocol = port.split("/")[1];
      return protocol !== undefined && protocol !== protocol.toLowerCase()
        ? text(`\`${port}\` : écrivez \`${port.toLowerCase()}\`.`, `\`${port}\`: write \`${port.toLowerCase()}\`.`)
        : undefined;
    }),
};

export const exposeInvalidFormatRule: LintRule = {
  id: "DG3131",
  buildkit: "ExposeInvalidFormat",
  severity: "warning",
  title: text("EXPOSE ne publie rien : un port, sans adresse ni port de l'hôte", "EXPOSE publishes nothing: a port, without an address or host port"),
  help: text(
    "EXPOSE documente le port sur lequel le conteneur écoute ; il ne publie rien sur l'hôte. L'adresse et le port de l'hôte (`127.0.0.1:8080:80`) se choisissent au lancement, avec `docker run -p` ou `ports:` dans Compose. Écrivez `EXPOSE 80` (BuildKit : ExposeInvalidFormat, qui deviendra une erreur).",
    "EXPOSE documents the port the container listens on; it publishes nothing on the host. The host's address and port (`127.0.0.1:8080:80`) are chosen at run time, with `docker run -p` or `ports:` in Compose. Write `EXPOSE 80` (BuildKit: ExposeInvalidFormat, which will become an error).",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    exposedPorts(dockerfile, (port) => {
      if (!port.includes(":")) return undefined;
      const container = port.slice(port.lastIndexOf(":") + 1);
      return text(
        `\`${port}\` donne une adresse ou un port de l'hôte : écrivez \`EXPOSE ${container}\` et publiez au lancement (\`-p ${port}\`).`,
        `\`${port}\` gives a host address or port: write \`EXPOSE ${container}\` and publish at run time (\`-p ${port}\`).`,
      );
    }),
};

/** One hit per EXPOSE word `judge` objects to, at the word; a `$VAR` is judged once expanded, by the build. */
function exposedPorts(dockerfile: LintedDockerfile, judge: (port: string) => Text | undefined): LintHit[] {
  return dockerfile.instructions
    .filter((instruction) => instruction.keyword === "EXPOSE")
    .flatMap((instruction) =>
      instruction.node.getArguments().flatMap((argument): LintHit[] => {
        const port = argument.getValue();
        const message = port.includes("$") ? undefined : judge(port);
        const { start } = argument.getRange();
        return message ? [{ line: start.line + 1, column: start.character + 1, message }] : [];
      }),
    );
}
