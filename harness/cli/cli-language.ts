import { isLang, langFromLocale, type Lang } from "../kernel/text.ts";
import { UsageError } from "../kernel/errors.ts";

/** `--lang` wins; otherwise the locale the user runs in (LC_ALL, LC_MESSAGES, LANG), as gettext reads it. */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    if (!isLang(flag)) throw new UsageError(`--lang ${flag} is not supported.`, "Use --lang fr or --lang en.");
    return flag;
  }
  return langFromLocale(env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"]);
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env["NO_COLOR"]) return false;
  if (env["FORCE_COLOR"] && env["FORCE_COLOR"] !== "0") return true;
  return stream.isTTY === true;
}
