import { text, type Lang, type Text } from "../../kernel/text.ts";
import { formatBytes } from "./build-context-message.ts";
import type { BuildDiskOverrun } from "./build-disk-watch.ts";

/** A step quoted in a message: its first line, cut where it would hide the rest of the sentence. */
const STEP_SHOWN_CHARS = 120;

/**
 * What the student reads when a build passed a disk limit: which limit, how far the build got
 * before the grader stopped it, the step that wrote, and the fix.
 */
export function buildDiskOverrunText(overrun: BuildDiskOverrun): Text {
  const say = (lang: Lang) => {
    const fr = lang === "fr";
    const limit = formatBytes(overrun.limitBytes, lang);
    // In MiB: just past a limit of 4 GiB would otherwise read "4 GiB" too.
    const reached = `${Math.round(overrun.reachedBytes / 1024 ** 2).toLocaleString(fr ? "fr-FR" : "en-US")} ${fr ? "Mio" : "MiB"}`;
    if (overrun.over === "image") {
      return fr
        ? `L'image construite pèse ${reached}, au-delà de la limite de ${limit} : le correcteur l'a supprimée sans l'examiner. Une image de ce cours pèse quelques centaines de Mo ; cherchez le fichier ou la dépendance qui la fait grossir (docker history).`
        : `The built image weighs ${reached}, over the limit of ${limit}: the grader removed it without examining it. An image of this course weighs a few hundred MB; look for the file or dependency that makes it grow (docker history).`;
    }
    const step = overrun.step === undefined ? "" : fr ? ` L'étape en cours : RUN ${shown(overrun.step)}.` : ` The step running: RUN ${shown(overrun.step)}.`;
    return fr
      ? `La construction a écrit plus de ${limit} sur le disque du moteur (${reached} atteints) : le correcteur l'a arrêtée et a supprimé son cache.${step} Cherchez une commande qui écrit sans fin ou un fichier énorme ; une construction de ce cours écrit quelques centaines de Mo au plus.`
      : `The build wrote more than ${limit} to the engine's disk (${reached} reached): the grader stopped it and removed its cache.${step} Look for a command that writes without end or a huge file; a build of this course writes a few hundred MB at most.`;
  };
  return text(say("fr"), say("en"));
}

function shown(step: string): string {
  const first = step.split("\n")[0] ?? "";
  return first.length > STEP_SHOWN_CHARS ? `${first.slice(0, STEP_SHOWN_CHARS)}…` : first;
}

/**
 * The line of the Dockerfile's RUN instruction that runs `step` (the command as BuildKit names it:
 * continuation lines joined, flags left out), or undefined when no instruction matches.
 */
export function stepLine(dockerfile: string, step: string): number | undefined {
  const wanted = squash(step);
  if (wanted === "") return undefined;
  const lines = dockerfile.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*RUN\s/i.test(lines[index] ?? "")) continue;
    const parts = [lines[index] ?? ""];
    for (let next = index; /\\\s*$/.test(lines[next] ?? "") && next + 1 < lines.length; next++) parts.push(lines[next + 1] ?? "");
    if (squash(parts.map((part) => part.replace(/\\\s*$/, "")).join(" ")).includes(wanted)) return index + 1;
  }
  return undefined;
}

/** Whitespace is where BuildKit's name of a step and the Dockerfile's text differ. */
function squash(value: string): string {
  return value.replace(/\s+/g, "");
}
