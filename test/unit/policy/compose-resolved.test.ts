import { describe, expect, it } from "vitest";
import { rawFindings, resolvedFindings, serviceNames, toViolations } from "../../../harness/policy/compose-check.ts";
import { OPTIONS, ROOT, source, where } from "./compose-support.ts";

const BASE = source(
  `services:
  web:
    image: busybox:1.37
    privileged: \${PRIVILEGED:-false}
    cap_add: [NET_ADMIN]
    volumes:
      - \${DATA}:/data
`,
);
const OVERRIDE = source(
  `services:
  web:
    cap_add:
      - SYS_TIME
`,
  "compose.dev.yaml",
);

/** What `docker compose config` prints for both files, with PRIVILEGED=true and DATA=/srv in `.env`. */
const RESOLVED = {
  name: "p",
  services: {
    web: {
      image: "busybox:1.37",
      privileged: true,
      cap_add: ["SYS_TIME", "NET_ADMIN"],
      volumes: [{ type: "bind", source: "/srv", target: "/data" }],
    },
  },
};

describe("settings only a resolved model shows", () => {
  const sources = [BASE, OVERRIDE];
  const placed = () => {
    const services = serviceNames(sources, RESOLVED);
    return toViolations([
      ...rawFindings(sources, OPTIONS, services),
      ...resolvedFindings(RESOLVED, sources, { ...OPTIONS, interpolated: true, firstFile: "compose.yaml" }, services),
    ]);
  };

  it("are placed back on the raw line that holds the setting, in the file that holds it", () => {
    expect(where(placed())).toEqual(["cap-add compose.dev.yaml:4", "privileged compose.yaml:4", "cap-add compose.yaml:5", "bind-outside compose.yaml:7"]);
  });

  it("are reported once: the raw pass's finding stands for the resolved one", () => {
    const violations = placed();
    expect(violations.filter((violation) => violation.rule === "cap-add")).toHaveLength(2);
    expect(violations.find((violation) => violation.rule === "bind-outside")?.message.en).toContain("(/srv)");
  });

  it("land on the first Compose file without a line when no raw file holds them", () => {
    const elsewhere = { name: "p", services: { ghost: { image: "busybox:1.37", pid: "host" } } };
    const found = toViolations(resolvedFindings(elsewhere, [BASE], { ...OPTIONS, interpolated: true, firstFile: "compose.yaml" }, new Set(["ghost"])));
    expect(found).toEqual([expect.objectContaining({ rule: "host-pid", file: "compose.yaml", setting: "services.ghost.pid: host" })]);
    expect(found[0]?.line).toBeUndefined();
  });

  it("judge variable paths only once interpolated, except the files Compose reads to resolve", () => {
    const literal = {
      name: "p",
      services: { web: { env_file: [{ path: `${ROOT}/\${ENV_DIR}/web.env` }], volumes: [{ type: "bind", source: `${ROOT}/\${DATA}`, target: "/d" }] } },
    };
    const found = toViolations(resolvedFindings(literal, [], { ...OPTIONS, interpolated: false, firstFile: "compose.yaml" }, new Set(["web"])));
    expect(found.map((violation) => violation.rule)).toEqual(["env-file-outside"]);
    expect(found[0]?.message.en).toContain("variable");
  });
});
