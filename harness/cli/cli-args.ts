import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../kernel/errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict options and positionals for a command; an unknown or malformed option is a usage error with the command's usage. */
export function parseCommandArgs<const T extends Options>(argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** A whole number of at least 1, e.g. `--budget 300`, `--concurrency 2`. */
export function positiveInteger(value: string, flag: string, usage: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not "${value}".`, usage);
  return number;
}
