import { text, type Text } from "./text.ts";

/** How a container's main process ended, as far as its exit code and the engine tell. */
export interface ExitFacts {
  /** undefined when the container is gone (removed) and nothing says how it ended. */
  readonly exitCode: number | undefined;
  readonly oomKilled: boolean;
  /** The engine's own words when the process could not start at all (runc's `exec: "/app": no such file`). */
  readonly startError?: string;
}

/**
 * What an exit code means for the student's container, in one sentence that begins with the code:
 * the shell's and the kernel's conventions (126/127 from the shell or runc, 128 + N for signal N),
 * and the engine's OOM flag, which alone tells an OOM kill from any other SIGKILL.
 */
export function explainExit(facts: ExitFacts): Text {
  const { exitCode: code, oomKilled } = facts;
  if (code === undefined) {
    return text("le conteneur a été supprimé : il n'en reste ni code ni journal", "the container was removed: no exit code or log is left");
  }
  if (oomKilled) {
    return text(
      `code ${code} : tué par le noyau faute de mémoire sous sa limite (OOM) ; réduisez ce qu'il garde en mémoire ou relevez sa limite`,
      `exit code ${code}: killed by the kernel for running out of memory under its limit (OOM); make it hold less in memory or raise its limit`,
    );
  }
  switch (code) {
    case 0:
      return text(
        "code 0 : le programme a terminé normalement ; le processus principal doit rester au premier plan (pas de démon qui passe en arrière-plan, pas de commande qui rend la main)",
        "exit code 0: the program finished normally; the main process must stay in the foreground (no daemon that forks into the background, no command that returns)",
      );
    case 1:
    case 2:
      return text(
        `code ${code} : le programme a échoué ; son journal ci-dessous dit pourquoi`,
        `exit code ${code}: the program failed; its log below says why`,
      );
    case 126:
      return text(
        "code 126 : la commande n'est pas exécutable (droit x manquant, ou pas un programme : `chmod +x`, `COPY --chmod=755`)",
        "exit code 126: the command is not executable (no x permission, or not a program: `chmod +x`, `COPY --chmod=755`)",
      );
    case 127:
      return text(
        "code 127 : le programme, ou une bibliothèque dont il a besoin, est introuvable (un binaire lié dynamiquement sur une base sans ses bibliothèques, un chemin ou un shell qui n'existe pas dans l'image)",
        "exit code 127: the program, or a library it needs, was not found (a dynamically linked binary on a base without its libraries, a path or a shell that does not exist in the image)",
      );
    case 137:
      return text(
        "code 137 : tué par SIGKILL (pas par manque de mémoire d'après le moteur) : `docker kill`, ou un arrêt qui a dépassé son délai",
        "exit code 137: killed by SIGKILL (not out of memory, the engine says): `docker kill`, or a stop that ran past its time limit",
      );
    case 139:
      return text("code 139 : erreur de segmentation (SIGSEGV) : le programme a planté", "exit code 139: segmentation fault (SIGSEGV): the program crashed");
    case 143:
      return text("code 143 : arrêté par SIGTERM (`docker stop`)", "exit code 143: stopped by SIGTERM (`docker stop`)");
    default:
      if (code > 128 && code < 160) {
        return text(`code ${code} : tué par le signal ${code - 128}`, `exit code ${code}: killed by signal ${code - 128}`);
      }
      return text(
        `code ${code} : le programme a échoué ; son journal ci-dessous dit pourquoi`,
        `exit code ${code}: the program failed; its log below says why`,
      );
  }
}

/**
 * What to do about an exit, when the code itself points at the fix: it replaces a check's own hint,
 * which teaches what the check measures (a USER, a healthcheck) and not why the program is not running.
 */
export function exitHint(facts: ExitFacts): Text | undefined {
  if (facts.exitCode === undefined || facts.oomKilled) return undefined;
  switch (facts.exitCode) {
    case 0:
      return text(
        'Lancez le serveur au premier plan (forme exec : `CMD ["/app/server"]`, sans `&` ni option de démonisation) : le conteneur vit tant que son processus principal.',
        'Run the server in the foreground (exec form: `CMD ["/app/server"]`, no `&` nor daemon option): a container lives as long as its main process.',
      );
    case 126:
      return text(
        "Rendez le programme exécutable dans l'image (`COPY --chmod=755`, ou `RUN chmod +x`) et vérifiez que c'est bien un binaire ou un script avec sa ligne `#!`.",
        "Make the program executable in the image (`COPY --chmod=755`, or `RUN chmod +x`) and check that it is a binary, or a script with its `#!` line.",
      );
    case 127:
      return text(
        "Vérifiez que le chemin de CMD/ENTRYPOINT existe dans l'étape finale (`docker run --rm --entrypoint ls <image> -l <chemin>`). Un binaire compilé dans une étape Debian et copié sur busybox, alpine ou scratch a besoin de ses bibliothèques : compilez-le en statique (`-static`, `CGO_ENABLED=0`) ou copiez-le sur une base qui a la même libc.",
        "Check that the CMD/ENTRYPOINT path exists in the final stage (`docker run --rm --entrypoint ls <image> -l <path>`). A binary compiled in a Debian stage and copied onto busybox, alpine or scratch needs its libraries: build it statically (`-static`, `CGO_ENABLED=0`) or copy it onto a base with the same libc.",
      );
    case 139:
      return text(
        "Le programme plante au démarrage : lancez l'image à la main (`docker run --rm <image>`) pour le voir, et vérifiez qu'il a été compilé pour cette base et cette architecture.",
        "The program crashes as it starts: run the image by hand (`docker run --rm <image>`) to see it, and check that it was built for this base and architecture.",
      );
    default:
      return undefined;
  }
}
