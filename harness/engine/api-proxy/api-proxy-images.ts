import { text, type Text } from "../../kernel/text.ts";
import { forward, NOTHING_OWNED, refuse, type ProxyDecision, type ProxyScope } from "./api-proxy-scope.ts";

/**
 * The two image calls a shipping script may make through the proxy (chapter 01): `docker tag` of
 * one of the run's images into the run's release repository, and `docker save` of the run's images.
 * Builds, pulls, loads, pushes and removals stay refused: a build would run the student's RUN steps
 * outside the grader's build limits, and a load could replace any tag on the engine (`busybox:1.37`
 * for every later run). The images named must carry the run's label (checked by the proxy, as for
 * containers); the new tag must be in `scope.tagRepository`, a repository of this run's own, so it
 * can neither take another run's name nor outlive the run. Pure, like api-proxy-rules.ts.
 */

/** Docker's tag grammar (distribution/reference): a word character, then up to 127 of `\w.-`. */
const TAG = /^\w[\w.-]{0,127}$/;

/** `POST /images/{name}/tag?repo=R&tag=T`: what `docker tag` sends. */
export function tagImage(url: string, name: string, query: URLSearchParams, scope: ProxyScope): ProxyDecision {
  const repository = scope.tagRepository;
  if (repository === undefined) return refuse(NO_TAG);
  const repo = query.get("repo") ?? "";
  const tag = query.get("tag") || "latest";
  const reasons: Text[] = [];
  if (familiarName(repo) !== familiarName(repository)) {
    reasons.push(
      text(
        `docker tag vers « ${repo} » : refusé, le seul dépôt permis ici est $REPOSITORY (${repository}).`,
        `docker tag to "${repo}": refused, the only repository allowed here is $REPOSITORY (${repository}).`,
      ),
    );
  }
  if (!TAG.test(tag)) reasons.push(text(`tag « ${tag} » invalide.`, `invalid tag "${tag}".`));
  if (reasons.length > 0) return refuse(...reasons);
  return forward(url, { owned: { ...NOTHING_OWNED, images: [name] } });
}

/** `docker.io/library/x` and `x` are one repository, as the engine reads them; the CLI sends the long form. */
export function familiarName(name: string): string {
  return name.replace(/^docker\.io\//, "").replace(/^library\//, "");
}

/** `GET /images/get?names=a&names=b` (docker save) or `GET /images/{name}/get`. */
export function saveImages(url: string, names: readonly string[]): ProxyDecision {
  if (names.length === 0) return refuse(text("docker save sans image.", "docker save with no image."));
  return forward(url, { owned: { ...NOTHING_OWNED, images: [...names] } });
}

const NO_TAG = text(
  "docker tag : refusé, ce script n'a pas de dépôt où étiqueter des images.",
  "docker tag: refused, this script has no repository to tag images into.",
);
