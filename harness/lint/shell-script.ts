/** One simple command of a shell script: its words, quotes removed, and whether a pipe joins it to the next. */
export interface ShellCommand {
  readonly words: readonly string[];
  readonly pipesInto: boolean;
}

/**
 * A RUN's shell script cut into simple commands at `&&`, `||`, `;`, `&`, `|` and new lines, the
 * way a reader sees it: quotes group words (`echo "a | b"` is one command, without a pipe), a `\`
 * escapes the next character, a `#` starting a word comments out the rest of the line. Enough to
 * tell which programs run with which options; not a shell (no expansion, no subshell structure).
 */
export function readShellScript(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = (pipesInto: boolean) => {
    endWord();
    if (words.length > 0) commands.push({ words, pipesInto });
    words = [];
  };
  for (let at = 0; at < script.length; at += 1) {
    const char = script[at] as string;
    const next = script[at + 1];
    if (char === "'" || char === '"') {
      const close = script.indexOf(char, at + 1);
      const end = close === -1 ? script.length : close;
      word = (word ?? "") + script.slice(at + 1, end);
      at = end;
    } else if (char === "\\") {
      if (next !== "\n") word = (word ?? "") + (next ?? "");
      at += 1;
    } else if (char === "#" && word === undefined) {
      const newline = script.indexOf("\n", at);
      at = newline === -1 ? script.length : newline - 1;
    } else if (char === "&" && (script[at - 1] === ">" || script[at - 1] === "<" || next === ">")) {
      // A redirection (`2>&1`, `&>`), not a separator.
      word = (word ?? "") + char;
    } else if (char === "|" && next !== "|") {
      endCommand(true);
    } else if ((char === "&" || char === "|") && next === char) {
      endCommand(false);
      at += 1;
    } else if (char === ";" || char === "&" || char === "\n") {
      endCommand(false);
    } else if (/\s/.test(char)) {
      endWord();
    } else {
      word = (word ?? "") + char;
    }
  }
  endCommand(false);
  return commands;
}

/** The program a command runs, past `VAR=value` prefixes and `sudo`/`env`. */
export function programOf(command: ShellCommand): { name: string; args: readonly string[] } {
  let at = 0;
  while (at < command.words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[at] as string) || ["sudo", "env"].includes(command.words[at] as string)))
    at += 1;
  return { name: command.words[at] ?? "", args: command.words.slice(at + 1) };
}

/** `apt-get install …` or `apt install …` (the first non-option argument is the subcommand). */
export function isAptInstall(command: ShellCommand): boolean {
  const { name, args } = programOf(command);
  return (name === "apt-get" || name === "apt") && args.find((arg) => !arg.startsWith("-")) === "install";
}

/** `apt-get update`, or an install that may fetch them (apt-get, apt, aptitude): the commands that fill /var/lib/apt/lists. */
export function writesAptLists(command: ShellCommand): boolean {
  const { name, args } = programOf(command);
  const subcommand = args.find((arg) => !arg.startsWith("-"));
  return ["apt-get", "apt", "aptitude"].includes(name) && (subcommand === "update" || subcommand === "install");
}

/** `set -o pipefail`, `set -eo pipefail`, `set -euxo pipefail`... */
export function setsPipefail(command: ShellCommand): boolean {
  const { name, args } = programOf(command);
  return name === "set" && optionNamesPipefail(args);
}

/** In a word list (a `set` or a SHELL array): an option ending in `o` followed by `pipefail`. */
export function optionNamesPipefail(words: readonly string[]): boolean {
  return words.some((word, index) => word === "pipefail" && index > 0 && /^-[a-z]*o$/.test(words[index - 1] as string));
}
