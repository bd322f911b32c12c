import { describe, expect, it } from "vitest";
import type { ComposeModel } from "../../../harness/engine/compose-model.ts";
import { declaredMount, describeRuntimeMount, isAnonymousVolumeName, runtimeMountAt } from "../../../harness/checks/storage/mount-rules.ts";

/** Shaped like `docker compose -p proj config --format json`: named volumes carry their engine name. */
const model: ComposeModel = {
  name: "proj",
  services: {
    db: {
      volumes: [
        { type: "volume", source: "data", target: "/var/lib/kv/" },
        { type: "volume", target: "/anon" },
        { type: "bind", source: "/work/sub/data", target: "/bind" },
        { type: "volume", source: "fixed", target: "/fixed" },
        { type: "volume", source: "shared", target: "/shared" },
        { type: "tmpfs", target: "/cache" },
      ],
      tmpfs: ["/tmp:size=16m", "/run"],
    },
  },
  volumes: { data: { name: "proj_data" }, fixed: { name: "kv-data" }, shared: { name: "shared", external: true } },
};

describe("declared mounts", () => {
  it("classifies each kind of mount on a path, trailing slashes aside", () => {
    expect(declaredMount(model, "db", "/var/lib/kv")).toEqual({ kind: "named", key: "data", name: "proj_data", external: false, projectScoped: true });
    expect(declaredMount(model, "db", "/anon")).toEqual({ kind: "anonymous" });
    expect(declaredMount(model, "db", "/bind")).toEqual({ kind: "bind", source: "/work/sub/data" });
    expect(declaredMount(model, "db", "/cache")).toEqual({ kind: "tmpfs" });
    expect(declaredMount(model, "db", "/tmp")).toEqual({ kind: "tmpfs" });
  });

  it("tells a fixed or external name from a volume the project owns", () => {
    expect(declaredMount(model, "db", "/fixed")).toMatchObject({ kind: "named", name: "kv-data", projectScoped: false, external: false });
    expect(declaredMount(model, "db", "/shared")).toMatchObject({ kind: "named", external: true, projectScoped: false });
  });

  it("lists what is mounted elsewhere when nothing is on the path", () => {
    const found = declaredMount(model, "db", "/data");
    expect(found.kind).toBe("none");
    expect(found.kind === "none" && found.others).toContain("volume data -> /var/lib/kv/");
    expect(declaredMount(model, "missing", "/data")).toEqual({ kind: "none", others: [] });
  });
});

describe("runtime mounts", () => {
  const anonymous = "f12020e63d08eec7c251201e8933d0c85a0de8cce42abfd452bc594008a32ac7";
  const mounts = [
    { Type: "volume", Name: anonymous, Source: `/var/lib/docker/volumes/${anonymous}/_data`, Destination: "/anon" },
    { Type: "volume", Name: "proj_data", Source: "/var/lib/docker/volumes/proj_data/_data", Destination: "/var/lib/kv" },
    { Type: "bind", Source: "/work/sub/data", Destination: "/bind" },
  ];

  it("finds the mount on a path and describes it", () => {
    expect(runtimeMountAt(mounts, "/var/lib/kv/")?.Name).toBe("proj_data");
    expect(describeRuntimeMount(runtimeMountAt(mounts, "/anon"))).toBe("volume (anonymous)");
    expect(describeRuntimeMount(runtimeMountAt(mounts, "/bind"))).toBe("bind /work/sub/data");
    expect(describeRuntimeMount(runtimeMountAt(mounts, "/nowhere"))).toBe("(nothing mounted)");
  });

  it("knows Docker's anonymous volume names", () => {
    expect(isAnonymousVolumeName(anonymous)).toBe(true);
    expect(isAnonymousVolumeName("proj_data")).toBe(false);
  });
});
