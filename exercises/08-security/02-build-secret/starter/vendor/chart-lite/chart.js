// chart-lite 2.1.0 (private package of the team)
export function bar(values) {
  return values.map((value) => "#".repeat(value)).join("\n");
}
