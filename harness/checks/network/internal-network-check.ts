import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { locatedAt, serviceKey } from "../shared-setup/compose-lines.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { NetworkProber } from "./network-prober.ts";
import { stackTopology } from "./stack-topology.ts";

/**
 * A service without egress: every network it is attached to is declared `internal: true`, and its
 * own namespace has no default route (read with `ip route` from a probe in that namespace). Egress
 * is proven absent by the route table alone: no probe ever tries an outside address.
 */
export function internalOnlyCheck(options: { readonly service: string; readonly id?: string }, overrides: CheckOverrides = {}) {
  const { service } = options;
  return defineCheck(
    {
      id: options.id ?? `${service}-internal`,
      title: text(
        `« ${service} » n'est que sur des réseaux internes (pas de route par défaut)`,
        `"${service}" is on internal networks only (no default route)`,
      ),
      points: 3,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.network.modes,
      hint: text(
        `Déclarez le ou les réseaux de « ${service} » avec \`internal: true\` dans la section \`networks:\` de haut niveau, et n'attachez « ${service} » à aucun autre réseau (pas même \`default\`). Docker ne donne alors aucune passerelle à ces réseaux : \`docker run --rm --network container:<conteneur> busybox ip route\` ne montre plus de ligne \`default\`.`,
        `Declare the network(s) of "${service}" with \`internal: true\` in the top-level \`networks:\` section, and attach "${service}" to no other network (not even \`default\`). Docker then gives those networks no gateway: \`docker run --rm --network container:<container> busybox ip route\` shows no \`default\` line any more.`,
      ),
      timeoutMs: 60_000,
      run: locatedAt(serviceKey(service, "networks"), async (ctx) => {
        const topology = await ctx.use(stackTopology);
        const node = topology.services[service];
        if (!node)
          return failed(text(`Aucun service « ${service} » dans le projet.`, `No service "${service}" in the project.`), {
            expected: service,
            actual: Object.keys(topology.services).join(", "),
          });
        if (!node.running) return failed(text(`« ${service} » ne tourne pas.`, `"${service}" is not running.`), { expected: "running", actual: "stopped" });
        const networks = node.attachments.map((attachment) => `${attachment.network} (${attachment.owned && attachment.internal ? "internal" : "routed"})`);
        const routed = node.attachments.filter((attachment) => !(attachment.owned && attachment.internal)).map((attachment) => attachment.network);
        const { defaults, output } = await new NetworkProber(ctx, topology).routes(service);
        const actual = `networks: ${networks.join(", ") || `none (${node.networkMode})`}\ndefault routes: ${defaults.join("; ") || "none"}`;
        const details = `ip route (${service}):\n${output || "(empty)"}`;
        if (node.attachments.length > 0 && routed.length === 0 && defaults.length === 0) {
          return passed(
            text(
              `Réseaux internes : ${node.attachments.map((a) => a.network).join(", ")} ; aucune route par défaut.`,
              `Internal networks: ${node.attachments.map((a) => a.network).join(", ")}; no default route.`,
            ),
            details,
          );
        }
        const expected = "only internal networks of the project; no default route";
        if (node.attachments.length > 0 && routed.length === 0) {
          return failed(
            text(
              `Les réseaux de « ${service} » sont internes, mais son espace réseau a une route par défaut.`,
              `The networks of "${service}" are internal, yet its namespace has a default route.`,
            ),
            { expected, actual, details },
          );
        }
        if (node.attachments.length === 0 || routed.length === node.attachments.length) {
          return failed(
            text(
              `« ${service} » n'est sur aucun réseau interne : il peut sortir vers l'extérieur.`,
              `"${service}" is on no internal network: it can reach the outside.`,
            ),
            { expected, actual, details },
          );
        }
        return failed(
          text(
            `« ${service} » est aussi sur ${routed.join(", ")}, qui n'est pas interne : la route par défaut passe par là.`,
            `"${service}" is also on ${routed.join(", ")}, which is not internal: the default route goes through it.`,
          ),
          { expected, actual, details },
        );
      }),
    },
    overrides,
  );
}
