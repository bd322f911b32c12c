/** What the grader reads in /proc/<pid>/status: the capability sets and the no_new_privs flag. */
export interface ProcStatus {
  readonly capEff: string;
  readonly capPrm: string;
  readonly capBnd: string;
  /** Absent on kernels before 4.10, which did not print it. */
  readonly noNewPrivs: boolean | undefined;
  readonly name: string | undefined;
}

/** `Key:\tvalue` lines to a record; a file without the capability lines is not a status file. */
export function parseProcStatus(content: string): ProcStatus {
  const fields = new Map<string, string>();
  for (const line of content.split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const field = (key: string): string => {
    const value = fields.get(key);
    if (value === undefined) throw new Error(`/proc/<pid>/status has no ${key} line:\n${content.slice(0, 500)}`);
    return value;
  };
  const noNewPrivs = fields.get("NoNewPrivs");
  return {
    capEff: field("CapEff"),
    capPrm: field("CapPrm"),
    capBnd: field("CapBnd"),
    noNewPrivs: noNewPrivs === undefined ? undefined : noNewPrivs === "1",
    name: fields.get("Name"),
  };
}
