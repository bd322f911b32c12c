import type { FinalStage, InstructionLine } from "../../dockerfile/instruction-lines.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { finalStageLocation } from "../shared-setup/dockerfile-lines.ts";
import { imageFacts } from "../shared-setup/image-facts.ts";
import { assignmentsIn, findSecretAssignments, findSecretShapes, type SecretFinding } from "../../secrets/secret-detector.ts";

/**
 * The instruction that put the first placeable finding in the image: the ENV or ARG that names its
 * key, or the instruction whose text holds a credential of a known shape. None found (a secret the
 * base image brought) leaves the final FROM.
 */
function secretSource(findings: readonly SecretFinding[]): (stage: FinalStage) => InstructionLine | undefined {
  return (stage) => {
    for (const finding of findings) {
      const { key } = finding;
      const source = key
        ? stage.instructions.findLast(
            ({ keyword, args }) => (keyword === "ENV" || keyword === "ARG") && args.split(/\s+/).some((word) => word === key || word.startsWith(`${key}=`)),
          )
        : stage.instructions.findLast(({ args }) => findSecretShapes("", args).length > 0);
      if (source) return source;
    }
    return undefined;
  };
}

export function noSecretsCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "no-secrets",
      title: text("Aucun secret dans ENV, ARG ou l'historique", "No secret in ENV, ARG or the history"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.buildkitMounts,
      hint: text(
        "Un ENV ou un ARG reste lisible par `docker history` et `docker inspect`. Passez le secret à la construction avec `RUN --mount=type=secret,id=token` et `docker buildx build --secret id=token,src=…`, ou à l'exécution (fichier monté).",
        "An ENV or ARG stays readable with `docker history` and `docker inspect`. Pass the secret at build time with `RUN --mount=type=secret,id=token` and `docker buildx build --secret id=token,src=…`, or at run time (a mounted file).",
      ),
      async run(ctx) {
        const { image, history } = await ctx.use(imageFacts);
        const env = image.config.Env.map((entry) => {
          const at = entry.indexOf("=");
          return [entry.slice(0, at), entry.slice(at + 1)] as [string, string];
        });
        const findings: SecretFinding[] = [
          ...findSecretAssignments("ENV", env),
          ...env.flatMap(([key, value]) => findSecretShapes(`ENV ${key}`, value)),
          ...history.flatMap((entry, index) => [
            ...findSecretAssignments(`history #${history.length - index}`, assignmentsIn(entry.createdBy)),
            ...findSecretShapes(`history #${history.length - index}`, entry.createdBy),
          ]),
        ];
        const unique = [...new Map(findings.map((finding) => [`${finding.key ?? ""}${finding.excerpt}`, finding])).values()];
        if (unique.length === 0)
          return passed(text(`ENV et ${history.length} entrées d'historique examinés.`, `ENV and ${history.length} history entries examined.`));
        const listing = unique.map((finding) => `${finding.where}: ${finding.excerpt} (${finding.reason})`).join("\n");
        return failed(text(`Secret visible dans l'image :\n${listing}`, `Secret visible in the image:\n${listing}`), {
          expected: "(none)",
          actual: unique.map((finding) => finding.excerpt).join(", "),
          location: await finalStageLocation(ctx, secretSource(unique)),
        });
      },
    },
    overrides,
  );
}
