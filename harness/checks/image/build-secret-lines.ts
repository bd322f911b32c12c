import type { FinalStage, InstructionLine } from "../../dockerfile/instruction-lines.ts";
import type { BuildSecretSpec } from "../../exercise/exercise.ts";
import type { NeedleHit } from "./build-secret-scan.ts";

/** Names an instruction sets: `NPM_TOKEN` for `ARG NPM_TOKEN`, `ENV NPM_TOKEN=$NPM_TOKEN`, `LABEL token=…`. */
function namesSet(args: string): string[] {
  return args
    .split(/\s+/)
    .map((word) => word.split("=")[0] ?? "")
    .filter(Boolean);
}

/** The instruction a history step comes from: `RUN |1 A=b /bin/sh -c <args> # buildkit`, `ENV A=b`, `LABEL a=b`. */
function stepSource(stage: FinalStage, createdBy: string): InstructionLine | undefined {
  const keyword = createdBy.split(/\s+/)[0]?.toUpperCase() ?? "";
  const candidates = stage.instructions.filter((instruction) => instruction.keyword === keyword);
  if (keyword === "RUN") {
    const step = squeeze(createdBy);
    // The history drops RUN's flags (`--mount=…`) and joins continued lines.
    return candidates.findLast(({ args }) => {
      const command = squeeze(args.replace(/^(\s*--\S+)+\s*/, ""));
      return command !== "" && step.includes(command);
    });
  }
  const setHere = namesSet(createdBy.slice(keyword.length));
  return candidates.findLast(({ args }) => namesSet(args).some((name) => setHere.includes(name)));
}

/** The ARG or ENV that carries the secret's build argument, else the first line that names the secret. */
export function secretSource(stage: FinalStage, secret: BuildSecretSpec): InstructionLine | undefined {
  const { buildArg, id } = secret;
  return (
    stage.instructions.find(({ keyword, args }) => buildArg !== undefined && (keyword === "ARG" || keyword === "ENV") && namesSet(args).includes(buildArg)) ??
    stage.instructions.find(({ args }) => args.includes(id))
  );
}

/**
 * The Dockerfile line that put the value where it was found: the step that made the layer or the
 * history entry, the ENV or LABEL of a config key; else where the secret enters the Dockerfile.
 */
export function hitSource(stage: FinalStage, hit: NeedleHit, secret: BuildSecretSpec): InstructionLine | undefined {
  let found: InstructionLine | undefined;
  if (hit.in === "layer") found = stepSource(stage, hit.createdBy);
  else if (hit.in === "config" && hit.key.startsWith("history[")) found = stepSource(stage, hit.text);
  else if (hit.in === "config" && hit.key.startsWith("config.Env[")) found = stepSource(stage, `ENV ${hit.text}`);
  else if (hit.in === "config" && hit.key.startsWith("config.Labels.")) found = stepSource(stage, `LABEL ${hit.key.slice("config.Labels.".length)}=`);
  return found ?? secretSource(stage, secret);
}

function squeeze(words: string): string {
  return words.replace(/\\\n/g, " ").replace(/\s+/g, " ").trim();
}
