import { text } from "../../kernel/text.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeLocation, locatedAt, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { engineIsLocal, knockLoopback, loopbackFor } from "./host-loopback.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { declaredPorts, describeBinding, describeDeclared, hostScope, type DeclaredPort, type PortBinding } from "./port-bindings.ts";
import { stackTopology } from "./stack-topology.ts";
import type { ServiceNode } from "./topology.ts";

const KNOCK_TIMEOUT_MS = 3_000;

export interface PublishedPort {
  readonly service: string;
  readonly port: number;
  /** Speak HTTP when knocking from the host: a status line proves the app itself answered. */
  readonly http?: boolean;
}

/**
 * A port the statement keeps off the network (an admin console): published, but only on a loopback
 * address of the host. The address is judged as the Compose file declares it (the grader itself
 * binds every port on 127.0.0.1, harness/compose/run-override.ts); the engine's binding is where
 * the grader knocks, from the host, to see the service answer.
 */
export function loopbackOnlyCheck(options: PublishedPort & { readonly id?: string }, overrides: CheckOverrides = {}) {
  const { service, port } = options;
  return defineCheck(
    {
      id: options.id ?? "loopback-only",
      title: text(`Port ${port} de « ${service} » publié sur 127.0.0.1 uniquement`, `Port ${port} of "${service}" published on 127.0.0.1 only`),
      points: 4,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.network.publishing,
      hint: text(
        `Donnez l'adresse de l'hôte dans la publication : \`ports: ["127.0.0.1::${port}"]\` (ou \`"127.0.0.1:<port hôte>:${port}"\`). Sans adresse (\`"${port}"\` ou \`"${port}:${port}"\`), Docker écoute sur toutes les interfaces (0.0.0.0 et ::) : n'importe quelle machine qui joint l'hôte atteint le port. Vérifiez avec \`docker compose port ${service} ${port}\`.`,
        `Give the host address in the mapping: \`ports: ["127.0.0.1::${port}"]\` (or \`"127.0.0.1:<host port>:${port}"\`). Without an address (\`"${port}"\` or \`"${port}:${port}"\`), Docker listens on every interface (0.0.0.0 and ::): any machine that reaches the host reaches the port. Check with \`docker compose port ${service} ${port}\`.`,
      ),
      timeoutMs: 60_000,
      run: locatedAt(serviceKey(service, "ports"), async (ctx) => {
        const found = await publishedPort(ctx, service, port);
        if (!("node" in found)) return found;
        const expected = `127.0.0.1:<any>->${port}/tcp, and no other binding of ${port}`;
        if (found.bound.length === 0) return notPublished(found.node, port, expected);
        const wide = found.declared.filter((declared) => hostScope(declared.hostIp) !== "loopback");
        if (wide.length > 0) {
          return failed(
            text(
              `Le port ${port} est aussi publié sur ${describeAll(wide)} : joignable depuis d'autres machines.`,
              `Port ${port} is also published on ${describeAll(wide)}: reachable from other machines.`,
            ),
            { expected, actual: describeAll(found.declared) },
          );
        }
        return knockVerdict(ctx, found, options, expected, text(`Publié sur la boucle locale uniquement`, `Published on loopback only`));
      }),
    },
    overrides,
  );
}

/** A port meant for clients: declared on every interface of the host, and answering where the engine bound it. */
export function publishedEverywhereCheck(options: PublishedPort & { readonly id?: string }, overrides: CheckOverrides = {}) {
  const { service, port } = options;
  return defineCheck(
    {
      id: options.id ?? "published-everywhere",
      title: text(
        `Port ${port} de « ${service} » publié pour les clients (toutes interfaces)`,
        `Port ${port} of "${service}" published for clients (all interfaces)`,
      ),
      points: 2,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.network.publishing,
      hint: text(
        `Ce port sert les clients : publiez-le sans restreindre l'adresse, par exemple \`ports: ["${port}"]\` (port hôte choisi par Docker) ou \`"8080:${port}"\`. Une adresse 127.0.0.1 le rendrait injoignable depuis les autres machines. Le service doit être sur un réseau non interne pour être publié.`,
        `This port serves clients: publish it without restricting the address, for example \`ports: ["${port}"]\` (host port chosen by Docker) or \`"8080:${port}"\`. A 127.0.0.1 address would make it unreachable from other machines. The service must be on a non-internal network to be published.`,
      ),
      timeoutMs: 60_000,
      run: locatedAt(serviceKey(service, "ports"), async (ctx) => {
        const found = await publishedPort(ctx, service, port);
        if (!("node" in found)) return found;
        const expected = `0.0.0.0:<any>->${port}/tcp (every interface)`;
        if (found.bound.length === 0) return notPublished(found.node, port, expected);
        const everywhere = found.declared.filter((declared) => hostScope(declared.hostIp) === "all-interfaces");
        if (everywhere.length === 0) {
          return failed(
            text(
              `Le port ${port} n'est publié que sur ${describeAll(found.declared)} : les clients des autres machines ne le joignent pas.`,
              `Port ${port} is only published on ${describeAll(found.declared)}: clients on other machines cannot reach it.`,
            ),
            { expected, actual: describeAll(found.declared), credit: 0.5 },
          );
        }
        return knockVerdict(
          ctx,
          { ...found, declared: everywhere },
          options,
          expected,
          text(`Publié sur toutes les interfaces`, `Published on every interface`),
        );
      }),
    },
    overrides,
  );
}

/** Exactly the listed services publish ports on the host; every other one publishes none. */
export function publishedServicesCheck(options: { readonly published: readonly string[]; readonly id?: string }, overrides: CheckOverrides = {}) {
  const listed = options.published.join(", ");
  return defineCheck(
    {
      id: options.id ?? "published-services",
      title:
        options.published.length === 1
          ? text(`Seul « ${listed} » publie des ports sur l'hôte`, `Only "${listed}" publishes ports on the host`)
          : text(`Seuls ${listed} publient des ports sur l'hôte`, `Only ${listed} publish ports on the host`),
      points: 2,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.network.publishing,
      hint: text(
        "Retirez `ports:` des services internes : entre conteneurs d'un même réseau, les ports sont joignables sans publication (`expose:` suffit à les documenter). Publier une base de données « pour déboguer » l'ouvre à toutes les machines qui joignent l'hôte ; pour déboguer, utilisez `docker compose exec` ou un conteneur dans son réseau.",
        'Remove `ports:` from internal services: between containers on the same network, ports are reachable without publishing (`expose:` is enough to document them). Publishing a database "to debug" opens it to every machine that reaches the host; to debug, use `docker compose exec` or a container on its network.',
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const topology = await ctx.use(stackTopology);
        const { project } = await ctx.use(composeStack);
        const nodes = Object.values(topology.services);
        const missing = options.published.filter((service) => !topology.services[service]);
        const judged = nodes.map((node) => {
          const shouldPublish = options.published.includes(node.service);
          const ok = shouldPublish ? node.published.length > 0 : node.published.length === 0;
          return { node, ok, shouldPublish };
        });
        // As declared: the grader binds every port on loopback, which says nothing of the student's file.
        const declaredOf = (node: ServiceNode) => (node.published.length > 0 ? describeAll(declaredPorts(project.model.services[node.service]?.ports)) : "");
        const actual = nodes.map((node) => `${node.service}: ${declaredOf(node) || "nothing published"}`).join("\n");
        const expected = nodes.map((node) => `${node.service}: ${options.published.includes(node.service) ? "published" : "nothing published"}`).join("\n");
        const wrong = [...judged.filter((entry) => !entry.ok).map((entry) => entry.node.service), ...missing];
        if (wrong.length === 0) return passed(text(`Publié : ${listed} ; aucun autre service.`, `Published: ${listed}; no other service.`), actual);
        const good = judged.filter((entry) => entry.ok).length;
        return failed(text(`Publication à revoir pour : ${wrong.join(", ")}.`, `Publishing to fix for: ${wrong.join(", ")}.`), {
          expected,
          actual,
          credit: good / (judged.length + missing.length),
          location: await composeLocation(ctx, serviceKey(wrong[0]!, "ports")),
        });
      },
    },
    overrides,
  );
}

/** One port of a running service: how the Compose file publishes it, and where the engine bound it. */
interface PortView {
  readonly node: ServiceNode;
  readonly declared: readonly DeclaredPort[];
  readonly bound: readonly PortBinding[];
}

async function publishedPort(ctx: CheckContext, service: string, containerPort: number, protocol = "tcp"): Promise<PortView | Verdict> {
  const topology = await ctx.use(stackTopology);
  const { project } = await ctx.use(composeStack);
  const node = topology.services[service];
  if (!node)
    return failed(text(`Aucun service « ${service} » dans le projet.`, `No service "${service}" in the project.`), {
      expected: service,
      actual: Object.keys(topology.services).join(", "),
    });
  if (!node.running) return failed(text(`« ${service} » ne tourne pas.`, `"${service}" is not running.`), { expected: "running", actual: "stopped" });
  const same = (port: { containerPort: number; protocol: string }) => port.containerPort === containerPort && port.protocol === protocol;
  return { node, declared: declaredPorts(project.model.services[service]?.ports).filter(same), bound: node.published.filter(same) };
}

function describeAll(declared: readonly DeclaredPort[]): string {
  return declared.map(describeDeclared).join(", ");
}

function notPublished(node: ServiceNode, port: number, expected: string): Verdict {
  const internalOnly = node.attachments.length > 0 && node.attachments.every((attachment) => attachment.internal);
  const why = internalOnly
    ? text(
        " Le service n'est que sur des réseaux internes : Docker n'y publie aucun port.",
        " The service is on internal networks only: Docker publishes no port there.",
      )
    : text("", "");
  return failed(
    text(
      `Le port ${port} de « ${node.service} » n'est pas publié sur l'hôte.${why.fr}`,
      `Port ${port} of "${node.service}" is not published on the host.${why.en}`,
    ),
    {
      expected,
      actual: "nothing published",
    },
  );
}

/**
 * The declared addresses are right; knock on each binding from the host's loopback. Half the points
 * when they are bound but nothing answers behind them (a wrong container port).
 */
async function knockVerdict(
  ctx: CheckContext,
  port: PortView,
  options: PublishedPort,
  expected: string,
  summary: { fr: string; en: string },
): Promise<Verdict> {
  const listed = describeAll(port.declared);
  if (!engineIsLocal(ctx.engine.endpoint.host)) {
    return passed(
      text(`${summary.fr} : ${listed}.`, `${summary.en}: ${listed}.`),
      `The engine is remote (${ctx.engine.endpoint.host}): the port was not knocked on from this machine.`,
    );
  }
  const knocks = await Promise.all(
    port.bound.map(async (binding) => {
      const address = loopbackFor(binding.hostIp);
      const outcome = address ? await knockLoopback(address, binding.hostPort, { timeoutMs: KNOCK_TIMEOUT_MS, http: options.http ?? false }) : "not knocked";
      return { binding, address, outcome };
    }),
  );
  const evidence = knocks.map((knock) => `${knock.address ?? "-"}:${knock.binding.hostPort} (${describeBinding(knock.binding)}): ${knock.outcome}`).join("\n");
  if (knocks.some((knock) => knock.outcome === "answered"))
    return passed(text(`${summary.fr} : ${listed} ; répond.`, `${summary.en}: ${listed}; answers.`), evidence);
  return failed(
    text(
      `Publié (${listed}) mais rien ne répond derrière : vérifiez le port du conteneur (à droite dans \`ports:\`).`,
      `Published (${listed}) but nothing answers behind it: check the container port (on the right in \`ports:\`).`,
    ),
    { expected, actual: evidence, details: evidence, credit: 0.5 },
  );
}
