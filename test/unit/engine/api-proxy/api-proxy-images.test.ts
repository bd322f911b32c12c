import { describe, expect, it } from "vitest";
import { RUN_LABEL } from "../../../../harness/kernel/run-labels.ts";
import { decideRequest, refusalMessage } from "../../../../harness/engine/api-proxy/api-proxy-rules.ts";
import type { ForwardedRequest, ProxyDecision, ProxyScope } from "../../../../harness/engine/api-proxy/api-proxy-scope.ts";

/** A shipping script's scope: the run's release repository is the one place `docker tag` may name. */
const REPOSITORY = "dockgrade-run-run1/hello-release";
const scope: ProxyScope = { runId: "run1", labels: { [RUN_LABEL]: "run1" }, bindable: [], tagRepository: REPOSITORY };
const backupScope: ProxyScope = { runId: "run1", labels: { [RUN_LABEL]: "run1" }, bindable: [] };

function forwarded(decision: ProxyDecision): ForwardedRequest {
  if (decision.verdict !== "forward") throw new Error(`refused: ${refusalMessage(decision.reasons)}`);
  return decision;
}

function refusal(decision: ProxyDecision): string {
  if (decision.verdict !== "refuse") throw new Error(`forwarded ${decision.url}`);
  return refusalMessage(decision.reasons);
}

/** What docker CLI 28 sends for `docker tag SOURCE REPOSITORY:TAG` (the repository in its long form). */
function tag(source: string, repo: string, tagName: string, against = scope): ProxyDecision {
  return decideRequest({ method: "POST", url: `/v1.45/images/${source}/tag?repo=${encodeURIComponent(repo)}&tag=${tagName}` }, against);
}

describe("docker tag through the proxy", () => {
  it("forwards a tag of a named image into $REPOSITORY, and asks the proxy to check the image is the run's", () => {
    const decision = forwarded(tag("dockgrade-run-run1:latest", `docker.io/${REPOSITORY}`, "1.4.0"));
    expect(decision.url).toBe(`/v1.45/images/dockgrade-run-run1:latest/tag?repo=docker.io%2F${REPOSITORY.replace("/", "%2F")}&tag=1.4.0`);
    expect(decision.owned.images).toEqual(["dockgrade-run-run1:latest"]);
  });

  it("reads image names with slashes and ids as the source", () => {
    expect(forwarded(tag(`${REPOSITORY}:1.4.0`, REPOSITORY, "1.4")).owned.images).toEqual([`${REPOSITORY}:1.4.0`]);
    expect(forwarded(tag("sha256:0123abcd", REPOSITORY, "1.4")).owned.images).toEqual(["sha256:0123abcd"]);
  });

  it("refuses a tag into any other repository: another run's, a base image's, or a name of the student's choosing", () => {
    expect(refusal(tag("dockgrade-run-run1:latest", "docker.io/library/busybox", "1.36"))).toContain("$REPOSITORY");
    expect(refusal(tag("dockgrade-run-run1:latest", "dockgrade-run-run2/hello-release", "1.4.0"))).toContain(REPOSITORY);
    expect(refusal(tag("dockgrade-run-run1:latest", "hello-release", "1.4.0"))).toContain("refused");
    expect(refusal(tag("dockgrade-run-run1:latest", `${REPOSITORY}/more`, "1.4.0"))).toContain("refused");
  });

  it("refuses a malformed tag", () => {
    expect(refusal(tag("dockgrade-run-run1:latest", REPOSITORY, ".hidden"))).toContain("invalid tag");
  });

  it("refuses every tag when the script has no release repository (backup scripts)", () => {
    expect(refusal(tag("dockgrade-run-run1:latest", REPOSITORY, "1.4.0", backupScope))).toContain("no repository");
  });
});

describe("docker save through the proxy", () => {
  it("forwards a save of several names, each to be checked as the run's", () => {
    const decision = forwarded(decideRequest({ method: "GET", url: `/v1.45/images/get?names=${REPOSITORY}%3A1.4.0&names=${REPOSITORY}%3A1.4` }, scope));
    expect(decision.owned.images).toEqual([`${REPOSITORY}:1.4.0`, `${REPOSITORY}:1.4`]);
  });

  it("forwards the one-image form, and names a base image for the owner check (which refuses it)", () => {
    expect(forwarded(decideRequest({ method: "GET", url: "/v1.45/images/busybox:1.37/get" }, scope)).owned.images).toEqual(["busybox:1.37"]);
  });

  it("refuses a save that names nothing", () => {
    expect(refusal(decideRequest({ method: "GET", url: "/v1.45/images/get" }, scope))).toContain("no image");
  });
});

describe("image calls that stay refused for a shipping script", () => {
  it.each([
    ["POST", "/v1.45/images/load?quiet=1"],
    ["POST", "/v1.45/build?t=x"],
    ["POST", `/v1.45/images/${REPOSITORY}/push?tag=1.4.0`],
    ["DELETE", "/v1.45/images/busybox:1.37"],
    ["POST", "/v1.45/images/prune"],
    ["POST", "/v1.45/commit?container=c1&repo=x"],
    ["POST", "/v1.45/images/create?fromImage=busybox"],
  ])("%s %s", (method, url) => {
    expect(decideRequest({ method, url }, scope).verdict).toBe("refuse");
  });
});
