import { text } from "../../kernel/text.ts";
import type { CourseRef } from "../../kernel/check.ts";

/**
 * Sections of chapter 04 ("Réseau Docker") that the network checks point students to. Kept here,
 * beside the checks, in the same shape as `COURSE` (harness/kernel/course.ts).
 */
export const NETWORK_COURSE = {
  userDefinedBridges: ref(
    "04",
    "`docker0` vs bridges user-defined (isolation, DNS interne)",
    "`docker0` vs user-defined bridges (isolation, internal DNS)",
  ),
  segmentation: ref(
    "04",
    "Segmenter (multi-réseaux) ; contrôles egress/ingress : micro-segmentation, deny-by-default",
    "Segmenting (several networks); egress/ingress control: micro-segmentation, deny-by-default",
  ),
  internalNetworks: ref("04", "Modes : `host`, `none`, réseaux `--internal`", "Modes: `host`, `none`, `--internal` networks"),
  aliases: ref("04", "Alias : `--network-alias` (et DNS interne des bridges user-defined)", "Aliases: `--network-alias` (and the internal DNS of user-defined bridges)"),
  publishing: ref(
    "04",
    "Publication de ports : `-p hostIP:hostPort:containerPort[/proto]`, `-P`",
    "Publishing ports: `-p hostIP:hostPort:containerPort[/proto]`, `-P`",
  ),
} as const;

function ref(chapter: string, fr: string, en: string): CourseRef {
  return { chapter, section: text(fr, en) };
}
