import { randomUUID } from "node:crypto";
import Docker from "dockerode";
import { Readable } from "node:stream";
import { extract, pack } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerImageClient, ImageNotFoundError } from "../../../harness/engine/clients/image-client.ts";
import { BASE_IMAGE_LABEL } from "../../../harness/kernel/run-labels.ts";

const images = new DockerImageClient(new Docker());
const id = randomUUID().slice(0, 8);
const ref = `dockgrade-test-client:${id}`;
const alias = `dockgrade-test-client:${id}-alias`;
const absent = `dockgrade-test-absent:${id}`;

/** An imported image of one file, big enough for its layer to weigh more than a megabyte. */
beforeAll(async () => {
  const rootfs = pack();
  rootfs.entry({ name: "payload", mode: 0o644, uid: 0, gid: 0 }, Buffer.alloc(1_100_000, 1));
  rootfs.finalize();
  await images.importRootfs(Readable.from(rootfs), ref, { labels: { [BASE_IMAGE_LABEL]: "test:image-client" }, changes: ['CMD ["sh"]'] });
});

afterAll(async () => {
  await images.remove(alias, { force: true });
  await images.remove(ref, { force: true });
});

describe("DockerImageClient", () => {
  it("inspects an image into the grader's types", async () => {
    const details = await images.inspect(ref);

    expect(details.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(details.repoTags).toEqual([ref]);
    expect(details.layers).toHaveLength(1);
    expect(details.config).toMatchObject({ Cmd: ["sh"], Entrypoint: null, User: "", WorkingDir: "", ExposedPorts: {} });
    expect(details.config.Labels[BASE_IMAGE_LABEL]).toBe("test:image-client");
    expect(Number.isNaN(Date.parse(details.created))).toBe(false);
  });

  it("reads the history, newest first", async () => {
    const history = await images.history(ref);

    expect(history).toHaveLength(1);
    expect(history[0]?.comment).toBe("Imported from -");
    expect(history[0]?.size).toBeGreaterThan(1_000_000);
  });

  it("says plainly when an image is absent, and removing it is no error", async () => {
    expect(await images.exists(absent)).toBe(false);
    await expect(images.inspect(absent)).rejects.toBeInstanceOf(ImageNotFoundError);
    await expect(images.remove(absent)).resolves.toBeUndefined();
  });

  it("tags, lists by label and removes", async () => {
    await images.tag(ref, alias);
    const listed = await images.listByLabel(BASE_IMAGE_LABEL, "test:image-client");

    expect(listed.find((image) => image.repoTags.includes(ref))?.repoTags).toEqual(expect.arrayContaining([ref, alias]));
    await images.remove(alias);
    expect(await images.exists(alias)).toBe(false);
    expect(await images.exists(ref)).toBe(true);
  });

  it("saves an archive with a manifest", async () => {
    const names: string[] = [];
    const archive = extract();
    archive.on("entry", (header, stream, next) => {
      names.push(header.name);
      stream.on("end", next);
      stream.resume();
    });
    (await images.save(ref)).pipe(archive);
    await new Promise<void>((resolve, reject) => archive.on("finish", () => resolve()).on("error", reject));

    expect(names).toContain("manifest.json");
  });

  it("rejects a pull no registry answers, and an aborted one", async () => {
    await expect(images.pull(absent)).rejects.toThrow();
    await expect(images.pull(absent, AbortSignal.abort())).rejects.toThrow(/abort/i);
  });
});
