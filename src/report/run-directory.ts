import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes a run's files into a new folder `<base>/<name>-<timestamp>` atomically: everything
 * goes into a hidden temporary folder first and is renamed into place only when complete,
 * so an interrupted run never leaves a half-written result behind. An existing run folder is
 * never overwritten.
 */
export class RunDirectory {
  readonly temporary: string;
  private finished = false;

  constructor(
    private readonly base: string,
    private readonly name: string,
  ) {
    mkdirSync(base, { recursive: true });
    this.temporary = path.join(base, `.partial-${name}-${process.pid}-${Date.now()}`);
    mkdirSync(this.temporary);
  }

  /** Writes `file` (which may be in a subfolder, e.g. "charts/occupancy.png"). */
  write(file: string, contents: string | Uint8Array): void {
    const target = path.join(this.temporary, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }

  /** Moves the finished folder into place and returns its path. */
  commit(now = new Date()): string {
    const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    let target = path.join(this.base, `${this.name}-${stamp}`);
    for (let n = 2; existsSync(target); n++)
      target = path.join(this.base, `${this.name}-${stamp}-${n}`);
    renameSync(this.temporary, target);
    this.finished = true;
    return target;
  }

  /** Removes the temporary folder (after an error or an interrupt). */
  discard(): void {
    if (!this.finished) rmSync(this.temporary, { recursive: true, force: true });
  }
}
