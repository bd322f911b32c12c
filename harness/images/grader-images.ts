/**
 * The image of the grader's own probes (network reachability, DNS, routes): never the student's
 * image, whose tools cannot be trusted to exist. busybox has nc, wget, nslookup and ip, and is
 * built offline in a fraction of a second where no registry answers.
 */
export const PROBE_IMAGE = "busybox:1.36";
