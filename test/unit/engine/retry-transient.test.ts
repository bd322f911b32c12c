import { describe, expect, it } from "vitest";
import { retryTransient } from "../../../harness/engine/clients/api-helpers.ts";

const runcLostInit = new Error(
  "(HTTP code 500) server error - failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: waiting for init preliminary setup: read init-p: connection reset by peer: unknown",
);

describe("retryTransient", () => {
  it("tries once more after runc lost its init process, cleaning up in between", async () => {
    const calls: string[] = [];
    let attempts = 0;
    const result = await retryTransient(
      async () => {
        attempts += 1;
        calls.push(`attempt ${attempts}`);
        if (attempts === 1) throw runcLostInit;
        return "started";
      },
      async () => {
        calls.push("clean-up");
      },
    );
    expect(result).toBe("started");
    expect(calls).toEqual(["attempt 1", "clean-up", "attempt 2"]);
  });

  it("does not retry other failures, nor a second transient one", async () => {
    let attempts = 0;
    await expect(
      retryTransient(async () => {
        attempts += 1;
        throw new Error("No such image: nope:latest");
      }),
    ).rejects.toThrow("No such image");
    expect(attempts).toBe(1);
    attempts = 0;
    await expect(
      retryTransient(async () => {
        attempts += 1;
        throw runcLostInit;
      }),
    ).rejects.toThrow("init-p");
    expect(attempts).toBe(2);
  });
});
