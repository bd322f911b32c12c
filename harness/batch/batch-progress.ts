import cliProgress from "cli-progress";

export interface ProgressSink {
  /** One student is done: their folder and a short outcome ("14/20", "archive refused"). */
  done(folder: string, outcome: string): void;
  stop(): void;
}

/**
 * A bar with the ETA on a terminal (cli-progress redraws one line); plain lines in CI logs, where a
 * redrawn line becomes thousands, each with its own ETA from the pace so far.
 */
export function batchProgress(total: number, stream: NodeJS.WriteStream): ProgressSink {
  return stream.isTTY ? new TerminalBar(total, stream) : new PlainLines(total, stream);
}

class TerminalBar implements ProgressSink {
  private readonly bar: cliProgress.SingleBar;

  constructor(total: number, stream: NodeJS.WriteStream) {
    this.bar = new cliProgress.SingleBar(
      { stream, format: "dockgrade {bar} {value}/{total} | ETA {eta_formatted} | {last}", hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { last: "" });
  }

  done(folder: string, outcome: string): void {
    this.bar.increment({ last: `${folder}: ${outcome}` });
  }

  stop(): void {
    this.bar.stop();
  }
}

class PlainLines implements ProgressSink {
  private finished = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  done(folder: string, outcome: string): void {
    this.finished += 1;
    const elapsed = Date.now() - this.startedAt;
    const remaining = ((this.total - this.finished) * elapsed) / this.finished;
    this.stream.write(`dockgrade: [${this.finished}/${this.total}] ${folder}: ${outcome} (ETA ${Math.ceil(remaining / 1000)} s)\n`);
  }

  stop(): void {}
}
