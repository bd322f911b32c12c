import { describe, expect, it } from "vitest";
import { BUILD_DISK_LIMITS, buildDiskLimitsFrom } from "../../../../harness/engine/build/build-disk-limits.ts";
import { buildDiskOverrunText, stepLine } from "../../../../harness/engine/build/build-disk-message.ts";
import { UsageError } from "../../../../harness/kernel/errors.ts";

describe("the build-disk limit", () => {
  it("is 4 GiB unless the operator lowers it", () => {
    expect(buildDiskLimitsFrom({})).toBe(BUILD_DISK_LIMITS);
    expect(buildDiskLimitsFrom({ DOCKGRADE_BUILD_DISK_LIMIT: "300m" }).buildBytes).toBe(300 * 1024 ** 2);
    expect(buildDiskLimitsFrom({ DOCKGRADE_BUILD_DISK_LIMIT: "1GiB" }).buildBytes).toBe(1024 ** 3);
    expect(buildDiskLimitsFrom({ DOCKGRADE_BUILD_DISK_LIMIT: "1000000" }).buildBytes).toBe(1_000_000);
  });

  it("refuses a value it cannot read, or one above the default", () => {
    for (const written of ["lots", "0", "5g", "-1m"]) expect(() => buildDiskLimitsFrom({ DOCKGRADE_BUILD_DISK_LIMIT: written })).toThrow(UsageError);
  });
});

describe("a build over its disk limit", () => {
  it("is told in both languages: the limit, the size reached and the step", () => {
    const said = buildDiskOverrunText({
      over: "build",
      limitBytes: 4 * 1024 ** 3,
      reachedBytes: 4.02 * 1024 ** 3,
      step: "head -c 30000000000 /dev/zero > /big",
    });
    expect(said.en).toContain("The build wrote more than 4 GiB to the engine's disk (4,116 MiB reached)");
    expect(said.en).toContain("The step running: RUN head -c 30000000000 /dev/zero > /big.");
    expect(said.fr).toContain("La construction a écrit plus de 4 Gio sur le disque du moteur (4\u202f116 Mio atteints)");
    const image = buildDiskOverrunText({ over: "image", limitBytes: 2 * 1024 ** 3, reachedBytes: 3 * 1024 ** 3 });
    expect(image.en).toContain("The built image weighs 3,072 MiB, over the limit of 2 GiB");
    expect(image.fr).toContain("L'image construite pèse 3\u202f072 Mio, au-delà de la limite de 2 Gio");
  });

  it("names the line of the RUN that ran the step, continuation lines and flags included", () => {
    const dockerfile = 'FROM busybox\nRUN echo one\nRUN --mount=type=cache,target=/c \\\n    head -c 9 /dev/zero \\\n  > /big\nCMD ["sh"]\n';
    expect(stepLine(dockerfile, "echo one")).toBe(2);
    expect(stepLine(dockerfile, "head -c 9 /dev/zero     > /big")).toBe(3);
    expect(stepLine(dockerfile, "dd if=/dev/zero")).toBeUndefined();
  });
});
