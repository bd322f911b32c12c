import { describe, expect, it } from "vitest";
import { BoundedOutput } from "../../../../harness/engine/limits/bounded-output.ts";

function fed(keep: "head" | "tail", cap: number, chunks: string[]): BoundedOutput {
  const output = new BoundedOutput(keep, cap);
  for (const chunk of chunks) output.push(Buffer.from(chunk));
  return output;
}

describe("bounded output", () => {
  it("keeps everything under the cap, with no marker", () => {
    expect(fed("tail", 10, ["abc", "def"]).text()).toBe("abcdef");
    expect(fed("head", 10, ["abc", "def"]).text()).toBe("abcdef");
  });

  it("keeps the head of a long output and says how much was cut", () => {
    const output = fed("head", 5, ["abc", "defgh", "ijk"]);
    expect(output.truncatedBytes).toBe(6);
    expect(output.text()).toBe("abcde\n…(tronqué / truncated: 6 octets / bytes)…");
  });

  it("keeps the tail of a long output across many chunks", () => {
    const output = fed("tail", 4, ["abc", "def", "gh", "ij"]);
    expect(output.truncatedBytes).toBe(6);
    expect(output.text()).toBe("…(tronqué / truncated: 6 octets / bytes)…\nghij");
  });

  it("holds no more than the cap in memory however much goes through", () => {
    const output = new BoundedOutput("tail", 1024);
    const line = Buffer.alloc(4096, "x");
    for (let i = 0; i < 10_000; i++) output.push(line);
    expect(output.truncatedBytes).toBe(10_000 * 4096 - 1024);
    expect(output.text().endsWith("x".repeat(1024))).toBe(true);
  });

  it("never leaves half a character at a cut", () => {
    // "é" is two bytes: a cut through it drops it whole.
    expect(fed("head", 4, ["abcé"]).text()).toBe("abc\n…(tronqué / truncated: 1 octets / bytes)…");
    expect(fed("tail", 3, ["aéb", "c"]).text()).toBe("…(tronqué / truncated: 2 octets / bytes)…\nbc");
    expect(fed("tail", 4, ["aébc"]).text()).toBe("…(tronqué / truncated: 1 octets / bytes)…\nébc");
  });
});
