import { describe, expect, it } from "vitest";
import { firstNonUtf8Line, MAX_COMPOSE_BYTES, parseComposeBytes } from "../../../harness/policy/compose-text.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const refusal = (input: Uint8Array) => {
  const parsed = parseComposeBytes(input, "compose.yaml");
  return parsed.ok ? undefined : parsed.violation;
};

describe("reading a Compose file before Compose does", () => {
  it("parses a normal file, anchors and merge keys included", () => {
    const parsed = parseComposeBytes(bytes("x-base: &base\n  image: busybox:1.37\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n"), "compose.yaml");
    expect(parsed.ok && parsed.text.data).toEqual({
      "x-base": { image: "busybox:1.37" },
      services: { a: { image: "busybox:1.37" }, b: { image: "busybox:1.37" } },
    });
  });

  it("refuses a YAML alias bomb quickly, on the line of its first alias", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const started = performance.now();
    const violation = refusal(bytes(`${levels.join("\n")}\nservices: {}\n`));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(violation).toMatchObject({ rule: "yaml-aliases", file: "compose.yaml", line: 2 });
  });

  it("refuses non-UTF-8 text, naming the first bad line", () => {
    const latin1 = Uint8Array.from([...bytes("services:\n  web:\n    image: busybox\n    environment:\n      CITY: Montr"), 0xe9, ...bytes("al\n")]);
    expect(refusal(latin1)).toMatchObject({ rule: "not-utf8", line: 5 });
    expect(firstNonUtf8Line(bytes("été\n"))).toBeUndefined();
    expect(firstNonUtf8Line(Uint8Array.from([0x61, 0x0a, 0xff]))).toBe(2);
  });

  it("refuses binary content and broken YAML with the line, and oversized files", () => {
    expect(refusal(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x00]))).toMatchObject({ rule: "not-yaml", line: 1 });
    expect(refusal(bytes("services:\n  web:\n    image: [busybox\n"))).toMatchObject({ rule: "not-yaml", file: "compose.yaml" });
    expect(refusal(bytes("services:\n  web: {}\n  web: {}\n"))).toMatchObject({ rule: "not-yaml", line: 3 });
    expect(refusal(new Uint8Array(MAX_COMPOSE_BYTES + 1).fill(0x20))).toMatchObject({ rule: "compose-too-large" });
  });

  it("gives every refusal a sentence in both languages", () => {
    const violation = refusal(Uint8Array.from([0xff]));
    expect(violation?.message.fr).toContain("UTF-8");
    expect(violation?.message.en).toContain("UTF-8");
  });
});
