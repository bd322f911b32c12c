import { spawn } from "node:child_process";

export interface ScriptRun {
  /** Null when the script was killed. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** stdout and stderr interleaved, the last part only. */
  readonly output: string;
  readonly durationMs: number;
}

export interface ScriptRequest {
  /** Path relative to `cwd`, run as `sh <script>`: no exec bit needed, no shebang trusted. */
  readonly script: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

const OUTPUT_LIMIT = 16_000;

/**
 * Runs a script of the submission on the grader's machine in its own process group, so that past
 * its time limit (or on cancellation) the script and everything it started are killed together.
 * Resolves when the script exits; whatever it left running in its group is killed then too.
 */
export function runScript(request: ScriptRequest): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sh", [request.script], { cwd: request.cwd, env: { ...request.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    let cancelled = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, request.timeoutMs);
    const cancel = () => {
      cancelled = true;
      killGroup();
    };
    request.signal.addEventListener("abort", cancel, { once: true });
    child.on("error", (error) => {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", cancel);
      reject(error);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", cancel);
      // A background job holding the pipes open would keep us waiting: the group goes with the script.
      killGroup();
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ exitCode: code, timedOut, cancelled, output, durationMs: Date.now() - started });
    });
  });
}

export interface ScriptContract {
  readonly home: string;
  readonly dockerHost: string;
  readonly projectName: string;
  readonly backupDir: string;
}

/** Variables of the grader's own environment a script may see: how to find programs and reach the engine. */
const PASSED_THROUGH = ["PATH", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"] as const;

/**
 * A clean environment: the contract's variables and a short allowlist, nothing else of the
 * grader's (no tokens, no proxies, no DOCKER_CONTEXT). HOME is an empty folder of the run, so a
 * script cannot depend on the files of whoever runs the grader.
 */
export function scriptEnvironment(contract: ScriptContract, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = parent[name];
    if (value) env[name] = value;
  }
  env["PATH"] ??= "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  return {
    ...env,
    HOME: contract.home,
    LC_ALL: "C",
    DOCKER_HOST: contract.dockerHost,
    COMPOSE_PROJECT_NAME: contract.projectName,
    BACKUP_DIR: contract.backupDir,
  };
}
