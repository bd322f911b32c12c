import type { InstructionLine } from "../../dockerfile/instruction-lines.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { dockerfileLines, finalStageLocation, lastOf } from "../shared-setup/dockerfile-lines.ts";
import { imageFacts } from "../shared-setup/image-facts.ts";
import { RELEASE_FILE, referenceProblem, releaseFile } from "./release-file.ts";

const OCI = "org.opencontainers.image";

/** release.env names a valid `IMAGE:VERSION`, and VERSION is the release the statement asks for (never `latest`). */
export function releaseTagCheck(options: { version: string }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "release-tag",
      title: text(`${RELEASE_FILE} : un nom d'image valide, tag ${options.version}`, `${RELEASE_FILE}: a valid image name, tag ${options.version}`),
      points: 2,
      needs: [],
      course: COURSE.images.naming,
      hint: text(
        `Dans ${RELEASE_FILE} : \`IMAGE=\` un dépôt en minuscules (\`cours-docker/hello-release\`) et \`VERSION=${options.version}\` : un tag précis, jamais \`latest\`, qui change de sens à chaque livraison.`,
        `In ${RELEASE_FILE}: \`IMAGE=\` a lower-case repository (\`cours-docker/hello-release\`) and \`VERSION=${options.version}\`: a precise tag, never \`latest\`, whose meaning changes with every release.`,
      ),
      async run(ctx) {
        const release = await ctx.use(releaseFile);
        if (!release) throw new Error(`release-tag: the exercise does not require ${RELEASE_FILE}`);
        const problems = [...release.problems];
        const { image, version } = release;
        // The line at fault: IMAGE when the repository is wrong, else VERSION.
        let faulty = image && version ? undefined : (image ?? version);
        if (image && version) {
          const invalid = referenceProblem(image.value, version.value);
          if (invalid) {
            problems.push(invalid);
            faulty = referenceProblem(image.value, "latest") ? image : version;
          } else if (version.value !== options.version) {
            problems.push(
              text(
                `VERSION vaut ${version.value}, la version à livrer est ${options.version}.`,
                `VERSION is ${version.value}, the release to ship is ${options.version}.`,
              ),
            );
            faulty = version;
          }
        }
        const reference = `${image?.value ?? "?"}:${version?.value ?? "?"}`;
        if (problems.length === 0) return passed(text(`Référence : ${reference}.`, `Reference: ${reference}.`));
        return failed(text(problems.map((problem) => problem.fr).join(" "), problems.map((problem) => problem.en).join(" ")), {
          expected: `<repository>:${options.version}`,
          actual: reference,
          location: { file: RELEASE_FILE, ...(faulty ? { line: faulty.line } : {}) },
        });
      },
    },
    overrides,
  );
}

/** The image's `org.opencontainers.image.version` label is the tag it is published under. */
export function versionLabelCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "version-label",
      title: text("Le label de version est le tag publié", "The version label is the published tag"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.images.tagging,
      hint: text(
        `\`${OCI}.version\` doit valoir VERSION de ${RELEASE_FILE} : un \`docker inspect\` de l'image doit dire la version sous laquelle elle est publiée.`,
        `\`${OCI}.version\` must equal VERSION from ${RELEASE_FILE}: \`docker inspect\` on the image must tell the version it is published under.`,
      ),
      async run(ctx) {
        const version = (await ctx.use(releaseFile))?.version?.value;
        const label = (await ctx.use(imageFacts)).image.config.Labels?.[`${OCI}.version`];
        if (version !== undefined && label === version) return passed(text(`${OCI}.version=${label}.`, `${OCI}.version=${label}.`));
        return failed(
          text(
            `Le label ${OCI}.version (${label ?? "absent"}) n'est pas VERSION (${version ?? "absente"}).`,
            `Label ${OCI}.version (${label ?? "absent"}) is not VERSION (${version ?? "absent"}).`,
          ),
          {
            expected: version ?? `(VERSION in ${RELEASE_FILE})`,
            actual: label ?? "(absent)",
            location: await finalStageLocation(
              ctx,
              lastOf("LABEL", (line) => line.args.includes(`${OCI}.version`)),
            ),
          },
        );
      },
    },
    overrides,
  );
}

/**
 * `created` and `revision` change with every build: they come from build arguments the CI passes
 * (`--build-arg REVISION=$(git rev-parse HEAD)`), declared with ARG in the final stage, never written
 * by hand in the Dockerfile. An ARG declared before the first FROM only is empty inside the stage.
 */
export function buildArgLabelsCheck(options: { labels: readonly string[] } = { labels: ["created", "revision"] }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "build-arg-labels",
      title: text(`Labels ${options.labels.join(", ")} remplis par des ARG`, `Labels ${options.labels.join(", ")} filled from ARGs`),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.images.dockerBuild,
      hint: text(
        `Dans l'étape finale : \`ARG CREATED\` et \`ARG REVISION\`, puis \`LABEL ${OCI}.created=$CREATED ${OCI}.revision=$REVISION\` ; la CI les passe avec \`--build-arg\`.`,
        `In the final stage: \`ARG CREATED\` and \`ARG REVISION\`, then \`LABEL ${OCI}.created=$CREATED ${OCI}.revision=$REVISION\`; CI passes them with \`--build-arg\`.`,
      ),
      async run(ctx) {
        const stage = (await ctx.use(dockerfileLines))?.stage;
        const labels = (await ctx.use(imageFacts)).image.config.Labels ?? {};
        const wrong = options.labels.filter((key) => !(`${OCI}.${key}` in labels) || !stage || !fromStageArg(stage.instructions, key));
        if (wrong.length === 0) return passed(text("Labels tirés d'ARG de l'étape finale.", "Labels taken from ARGs of the final stage."));
        const names = wrong.map((key) => `${OCI}.${key}`).join(", ");
        return failed(text(`Non tirés d'un ARG de l'étape finale : ${names}.`, `Not taken from an ARG of the final stage: ${names}.`), {
          expected: wrong.map((key) => `${OCI}.${key}=$${key.toUpperCase()}`).join(" "),
          actual: wrong.map((key) => `${OCI}.${key}=${labels[`${OCI}.${key}`] ?? "(absent)"}`).join(" "),
          credit: (options.labels.length - wrong.length) / options.labels.length,
          location: await finalStageLocation(
            ctx,
            lastOf("LABEL", (line) => wrong.some((key) => line.args.includes(`${OCI}.${key}`))),
          ),
        });
      },
    },
    overrides,
  );
}

/** The LABEL setting this key reads `$NAME` or `${NAME}`, and an `ARG NAME` of the stage comes before it. */
function fromStageArg(instructions: readonly InstructionLine[], key: string): boolean {
  const pattern = new RegExp(`${OCI.replaceAll(".", "\\.")}\\.${key}\\s*=\\s*["']?\\$\\{?(\\w+)\\}?["']?(?:\\s|$)`);
  const index = instructions.findLastIndex((line) => line.keyword === "LABEL" && line.args.includes(`${OCI}.${key}`));
  const name = index >= 0 ? pattern.exec(instructions[index]?.args ?? "")?.[1] : undefined;
  if (name === undefined) return false;
  return instructions.slice(0, index).some((line) => line.keyword === "ARG" && line.args.split(/\s+/).some((word) => word.split("=")[0] === name));
}
