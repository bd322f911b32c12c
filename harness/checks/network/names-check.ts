import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { NetworkProber } from "./network-prober.ts";
import { nameIsProbeable } from "./probe-plan.ts";
import { stackTopology } from "./stack-topology.ts";
import { throwIfPairStopped } from "./stopped-pair.ts";
import { resolveFrom, type Topology } from "./topology.ts";

/** From inside service `from`, the DNS name `name` must lead to service `to`. */
export interface NameExpectation {
  readonly from: string;
  readonly name: string;
  readonly to: string;
}

interface NameVerdict {
  readonly expectation: NameExpectation;
  readonly ok: boolean;
  readonly observed: string;
  readonly evidence: string;
}

/**
 * Names and aliases resolve as required, asked of Docker's embedded DNS (127.0.0.11) from inside
 * the service's namespace. A name the engine's records do not hold for that service's networks is
 * reported from those records without a query: the embedded DNS would forward it to the host's
 * resolvers, outside the grader's networks. Partial credit by expectation.
 */
export function namesResolveCheck(options: { readonly expectations: readonly NameExpectation[]; readonly id?: string }, overrides: CheckOverrides = {}) {
  const names = [...new Set(options.expectations.map((expectation) => expectation.name))];
  return defineCheck(
    {
      id: options.id ?? "names-resolve",
      title: text(`Résolution DNS : ${names.join(", ")}`, `DNS resolution: ${names.join(", ")}`),
      points: 2,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.network.aliases,
      hint: text(
        "Un alias se déclare par réseau, sous le service : `networks: { <réseau>: { aliases: [<nom>] } }`. Il n'est résolu que par les conteneurs attachés à ce même réseau. Vérifiez avec `docker run --rm --network container:<conteneur> busybox nslookup <nom> 127.0.0.11`.",
        "An alias is declared per network, under the service: `networks: { <network>: { aliases: [<name>] } }`. Only containers attached to that same network resolve it. Check with `docker run --rm --network container:<container> busybox nslookup <name> 127.0.0.11`.",
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const topology = await ctx.use(stackTopology);
        const prober = new NetworkProber(ctx, topology);
        const verdicts = await Promise.all(options.expectations.map((expectation) => judge(topology, prober, expectation)));
        await throwIfPairStopped(
          ctx,
          verdicts.filter((verdict) => !verdict.ok).map((verdict) => verdict.expectation),
        );
        const good = verdicts.filter((verdict) => verdict.ok).length;
        const label = (expectation: NameExpectation) => `${expectation.from}: ${expectation.name} -> ${expectation.to}`;
        const details = verdicts.map((verdict) => `${label(verdict.expectation)}\n${verdict.evidence}`).join("\n\n");
        if (good === verdicts.length) {
          const resolved = verdicts.map((verdict) => `${verdict.expectation.name} -> ${verdict.expectation.to}`).join(", ");
          return passed(text(`Résolu comme attendu : ${resolved}.`, `Resolved as expected: ${resolved}.`), details);
        }
        const wrong = verdicts.filter((verdict) => !verdict.ok).map((verdict) => verdict.expectation);
        const fr = wrong.map((expectation) => `${expectation.name} (depuis ${expectation.from})`).join(", ");
        const en = wrong.map((expectation) => `${expectation.name} (from ${expectation.from})`).join(", ");
        return failed(text(`Ne se résout pas comme attendu : ${fr}.`, `Does not resolve as expected: ${en}.`), {
          expected: verdicts.map((verdict) => `${label(verdict.expectation)} (${addressesOf(topology, verdict.expectation).join(", ") || "?"})`).join("\n"),
          actual: verdicts.map((verdict) => `${verdict.expectation.from}: ${verdict.expectation.name} -> ${verdict.observed}`).join("\n"),
          details,
          credit: good / verdicts.length,
        });
      },
    },
    overrides,
  );
}

async function judge(topology: Topology, prober: NetworkProber, expectation: NameExpectation): Promise<NameVerdict> {
  const { from, name, to } = expectation;
  const miss = (observed: string, evidence: string): NameVerdict => ({ expectation, ok: false, observed, evidence });
  if (!topology.services[from]) return miss("(no such service)", `no service "${from}" in the project`);
  if (!topology.services[to]) return miss("(no such service)", `no service "${to}" in the project`);
  if (!topology.services[from]?.running) return miss("(not running)", `${from} is not running`);
  const resolution = resolveFrom(topology, from, name);
  if (resolution.length === 0) {
    return miss("(unknown name)", `"${name}" is not a name of any container on ${from}'s networks (engine records; not queried)`);
  }
  if (!nameIsProbeable(resolution)) {
    return miss("(outside the project's networks)", `"${name}" is only known on networks the grader did not create; not queried`);
  }
  const { addresses, output } = await prober.lookup(from, name);
  const wanted = addressesOf(topology, expectation);
  const observed = addresses.join(", ") || "(no answer)";
  const owners = addresses.map((address) => ownerOf(topology, address) ?? "?");
  const ok = addresses.length > 0 && addresses.every((address) => wanted.includes(address));
  return { expectation, ok, observed: `${observed} (${owners.join(", ") || "-"})`, evidence: `nslookup ${name} 127.0.0.11 (from ${from}):\n${output}` };
}

/** `to`'s addresses on the networks it shares with `from`: the only right answers. */
function addressesOf(topology: Topology, expectation: NameExpectation): string[] {
  const mine = new Set(topology.services[expectation.from]?.attachments.map((attachment) => attachment.engineName));
  return (topology.services[expectation.to]?.attachments ?? [])
    .filter((attachment) => mine.has(attachment.engineName) && attachment.ipv4)
    .map((attachment) => attachment.ipv4 as string);
}

function ownerOf(topology: Topology, address: string): string | undefined {
  return Object.values(topology.services).find((node) => node.attachments.some((attachment) => attachment.ipv4 === address))?.service;
}
