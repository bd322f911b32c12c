import { describe, expect, it } from "vitest";
import { finalFilesystem } from "../../../harness/image-archive/final-filesystem.ts";
import type { LayerEntry } from "../../../harness/image-archive/read-image-archive.ts";

const file = (path: string): LayerEntry => ({ path, type: "file", size: 1, mode: 0o644 });

describe("final filesystem", () => {
  it("honours whiteouts and opaque folders from upper layers", () => {
    const files = finalFilesystem([
      [file("usr/bin/gcc"), file("var/lib/apt/lists/a"), file("var/lib/apt/lists/b"), file("etc/keep")],
      [file("usr/bin/.wh.gcc"), file("var/lib/apt/lists/.wh..wh..opq"), file("var/lib/apt/lists/c")],
    ]);
    expect([...files.keys()].sort()).toEqual(["etc/keep", "var/lib/apt/lists/c"]);
  });

  it("removes a whole folder whited out", () => {
    const files = finalFilesystem([[file("root/.npm/x"), file("root/.npm/y/z")], [file("root/.wh..npm")]]);
    expect(files.size).toBe(0);
  });
});
