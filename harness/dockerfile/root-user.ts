/** `root`, `0`, `root:x`, `0:x` and the empty default all run as UID 0. */
export function isRootUser(user: string): boolean {
  const name = user.split(":")[0]?.trim() ?? "";
  return name === "" || name === "root" || /^0+$/.test(name);
}
