/**
 * The image of the grader's own probes (network reachability, DNS, routes): never the student's
 * image, whose tools cannot be trusted to exist. busybox has nc, wget, nslookup and ip, and is
 * built offline from source (once per machine) where no registry answers.
 */
export const PROBE_IMAGE = "busybox:1.37";

/**
 * The image students' backup and restore scripts run in: busybox and this machine's docker CLI,
 * made on first use (harness/images/script-runner-image.ts) and tagged with a fingerprint.
 */
export const SCRIPT_RUNNER_REPOSITORY = "dockgrade-script-runner";
