import { runLabels } from "../../kernel/run-labels.ts";
import { PROBE_IMAGE } from "../../images/grader-images.ts";
import type { CheckContext } from "../context.ts";
import { assertProbeTarget, planReach, ProbeRefusedError, type ReachPlan, type ReachRequest } from "./probe-plan.ts";
import {
  CONNECT_TIMEOUT_SECONDS,
  defaultRoutes,
  dnsProbeScript,
  parseNslookup,
  parseTcpProbeOutput,
  ROUTES_SCRIPT,
  tcpProbeScript,
  type TcpResult,
} from "./probe-scripts.ts";
import type { Topology } from "./topology.ts";

export interface ReachReport {
  readonly plan: ReachPlan;
  readonly results: readonly TcpResult[];
}

/** Enough for a container to start, the connect timeout, and a slow machine. */
const PROBE_BUDGET_MS = (CONNECT_TIMEOUT_SECONDS + 8) * 1000;

/**
 * The grader's own probes, each a one-shot busybox container (PROBE_IMAGE, never the student's
 * image) that joins a service's network namespace (`container:<id>`): it sees the networks, routes
 * and DNS exactly as the service does, and carries the run's labels so the run removes it. Every
 * target goes through `probe-plan.ts` first; a service that is not running is not probed.
 */
export class NetworkProber {
  constructor(
    private readonly ctx: Pick<CheckContext, "engine" | "runId" | "exercise">,
    private readonly topology: Topology,
  ) {}

  /** All requests, one probe container per source service, all sources at once. */
  async reach(requests: readonly ReachRequest[]): Promise<ReachReport[]> {
    const plans = requests.map((request) => planReach(this.topology, request));
    const sources = [...new Set(plans.map((plan) => plan.request.from))];
    const bySource = new Map(
      await Promise.all(
        sources.map(async (source) => {
          const mine = plans.filter((plan) => plan.request.from === source);
          const probes = mine.flatMap((plan) => plan.probes);
          const output = probes.length === 0 ? "" : await this.run(source, tcpProbeScript(probes));
          return [source, parseTcpProbeOutput(probes, output)] as const;
        }),
      ),
    );
    return plans.map((plan) => {
      const results = bySource.get(plan.request.from) ?? [];
      return { plan, results: results.filter((result) => plan.probes.includes(result.probe)) };
    });
  }

  /** An A query for `name` to the embedded DNS, from inside `from`'s namespace. */
  async lookup(from: string, name: string): Promise<{ readonly addresses: readonly string[]; readonly output: string }> {
    assertProbeTarget(this.topology, from, { kind: "name", name });
    const output = await this.run(from, dnsProbeScript(name));
    const shown = output
      .split("\n")
      .filter((line) => !line.startsWith("dockgrade-probe"))
      .join("\n");
    return { addresses: parseNslookup(output).addresses, output: shown.trim() };
  }

  /** The routing table of `service`'s namespace; reading it sends nothing anywhere. */
  async routes(service: string): Promise<{ readonly defaults: readonly string[]; readonly output: string }> {
    const output = await this.run(service, ROUTES_SCRIPT);
    return { defaults: defaultRoutes(output), output: output.trim() };
  }

  private async run(service: string, script: string): Promise<string> {
    const node = this.topology.services[service];
    if (!node) throw new ProbeRefusedError(`"${service}" is not a service of the project`);
    if (!node.running) throw new ProbeRefusedError(`"${service}" is not running: its namespace cannot be joined`);
    const { output } = await this.ctx.engine.containers.runOnce({
      image: PROBE_IMAGE,
      command: ["sh", "-c", script],
      labels: runLabels(this.ctx.runId, this.ctx.exercise.id),
      networkMode: `container:${node.containerId}`,
      timeoutMs: PROBE_BUDGET_MS,
    });
    return output;
  }
}
