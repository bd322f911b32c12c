import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { NetworkProber, type ReachReport } from "./network-prober.ts";
import { describeTarget } from "./probe-plan.ts";
import { stackTopology } from "./stack-topology.ts";
import { throwIfPairStopped } from "./stopped-pair.ts";
import { sharedNetworks, type Topology } from "./topology.ts";

/** One cell of the matrix: from inside service `from`, a TCP connection to service `to` on `port`. */
export interface Cell {
  readonly from: string;
  readonly to: string;
  readonly port: number;
}

type Expectation = "reachable" | "blocked";

interface CellVerdict {
  readonly cell: Cell;
  readonly expected: Expectation;
  readonly observed: Expectation | "not probed";
  readonly ok: boolean;
  readonly evidence: string;
}

/**
 * The reachability matrix, measured from inside the services' own network namespaces. An allowed
 * pair must connect by service name, as an application would. A blocked pair must fail by name and
 * by each of the target's addresses, so that segmentation is proven by the networks and not merely
 * by DNS. Partial credit by cell; the whole matrix is reported, expected against observed.
 */
export function reachabilityCheck(
  options: { readonly allowed: readonly Cell[]; readonly blocked: readonly Cell[]; readonly id?: string },
  overrides: CheckOverrides = {},
) {
  const cells = [
    ...options.allowed.map((cell) => ({ cell, expected: "reachable" as const })),
    ...options.blocked.map((cell) => ({ cell, expected: "blocked" as const })),
  ];
  return defineCheck(
    {
      id: options.id ?? "reachability",
      title: text("Matrice de joignabilité entre services", "Reachability matrix between services"),
      points: 4,
      needs: ["stack-up"],
      course: COURSE.network.egressIngress,
      hint: text(
        "Attachez chaque service aux seuls réseaux dont il a besoin (clé `networks:` du service et section `networks:` de haut niveau) : deux conteneurs se joignent s'ils partagent un réseau, et seulement dans ce cas. Vérifiez avec `docker network inspect <réseau>` et testez depuis l'espace réseau d'un service : `docker run --rm --network container:<conteneur> busybox nc -w 2 <service> <port> -e true`.",
        "Attach each service to the networks it needs and no others (the service's `networks:` key and the top-level `networks:` section): two containers reach each other when they share a network, and only then. Check with `docker network inspect <network>` and test from a service's network namespace: `docker run --rm --network container:<container> busybox nc -w 2 <service> <port> -e true`.",
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const topology = await ctx.use(stackTopology);
        const probeable = cells.filter(({ cell }) => topology.services[cell.from]?.running && topology.services[cell.to]?.running);
        const reports = await new NetworkProber(ctx, topology).reach(probeable.map(({ cell, expected }) => ({ ...cell, byAddress: expected === "blocked" })));
        const verdicts = cells.map(({ cell, expected }) => {
          const report = reports[probeable.findIndex((entry) => entry.cell === cell)];
          return judge(topology, cell, expected, report);
        });
        await throwIfPairStopped(
          ctx,
          verdicts.filter((verdict) => !verdict.ok && verdict.expected === "reachable").map((verdict) => verdict.cell),
        );
        const good = verdicts.filter((verdict) => verdict.ok).length;
        const evidence = [...verdicts.map((verdict) => `${label(verdict.cell)}: ${verdict.evidence}`), "", ...describeNetworks(topology)].join("\n");
        if (good === verdicts.length) {
          return passed(text(`Les ${good} paires sont conformes.`, `All ${good} pairs are as expected.`), evidence);
        }
        const wrong = verdicts
          .filter((verdict) => !verdict.ok)
          .map((verdict) => `${label(verdict.cell)} (${verdict.expected === "blocked" ? "devrait être bloquée" : "devrait être joignable"})`);
        const wrongEn = verdicts.filter((verdict) => !verdict.ok).map((verdict) => `${label(verdict.cell)} (expected ${verdict.expected})`);
        return failed(
          text(
            `Paires conformes : ${good} sur ${verdicts.length}. À corriger : ${wrong.join(", ")}.`,
            `Pairs as expected: ${good} of ${verdicts.length}. To fix: ${wrongEn.join(", ")}.`,
          ),
          {
            expected: verdicts.map((verdict) => `${label(verdict.cell)} ${verdict.expected}`).join("\n"),
            actual: verdicts.map((verdict) => `${label(verdict.cell)} ${verdict.observed}`).join("\n"),
            details: evidence,
            credit: good / verdicts.length,
          },
        );
      },
    },
    overrides,
  );
}

function judge(topology: Topology, cell: Cell, expected: Expectation, report: ReachReport | undefined): CellVerdict {
  const verdict = (observed: CellVerdict["observed"], evidence: string): CellVerdict => ({
    cell,
    expected,
    observed,
    ok: observed === expected,
    evidence,
  });
  if (!topology.services[cell.from]) return verdict("not probed", `no service "${cell.from}" in the project`);
  if (!topology.services[cell.to]) return verdict("not probed", `no service "${cell.to}" in the project`);
  if (!topology.services[cell.from]?.running) return verdict("not probed", `${cell.from} is not running`);
  if (!topology.services[cell.to]?.running) return verdict("not probed", `${cell.to} is not running`);
  if (!report) return verdict("not probed", "not probed");
  const shared = sharedNetworks(topology, cell.from, cell.to);
  const where = shared.length > 0 ? `shared networks: ${shared.join(", ")}` : "no shared network";
  const byName = report.results.find((result) => result.probe.target.kind === "name");
  const lines = report.results.map(
    (result) => `${describeTarget(result.probe.target)}:${cell.port} ${result.outcome}${result.message ? ` (${result.message})` : ""}`,
  );
  if (!byName) {
    const why =
      report.plan.resolution.length === 0
        ? `the name "${cell.to}" is not known on ${cell.from}'s networks`
        : `the name "${cell.to}" resolves outside the project's networks, not probed`;
    lines.unshift(why);
  }
  const evidence = `${where}; ${lines.join("; ")}`;
  if (!byName && report.plan.resolution.length > 0) return verdict("not probed", evidence);
  if (expected === "reachable") return verdict(byName?.outcome === "open" ? "reachable" : "blocked", evidence);
  return verdict(report.results.some((result) => result.outcome === "open") ? "reachable" : "blocked", evidence);
}

function label(cell: Cell): string {
  return `${cell.from} -> ${cell.to}:${cell.port}`;
}

export function describeNetworks(topology: Topology): string[] {
  return Object.values(topology.services).map((node) => {
    const networks = node.attachments.map((attachment) => `${attachment.network}${attachment.internal ? " (internal)" : ""} ${attachment.ipv4 ?? "-"}`);
    return `${node.service}: ${networks.join(", ") || `no network (${node.networkMode})`}${node.running ? "" : " [not running]"}`;
  });
}
