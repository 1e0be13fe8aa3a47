import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/** Files of a results folder: relative name ("charts/occupancy.png") → contents. */
export type FolderFiles = Record<string, string | Uint8Array>;

/** The file-system calls that can fail for want of room or rights; tests replace them. */
export interface FolderSystem {
  mkdir(dir: string): void;
  writeFile(file: string, contents: string | Uint8Array): void;
}

const NODE_SYSTEM: FolderSystem = {
  mkdir: (dir) => makeFolder(dir),
  writeFile: (file, contents) => writeFileSync(file, contents),
};

const PARTIAL = ".partial-";
/** The host in a temporary folder's name: on a shared disk, only this machine's are cleaned. */
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, "-");
/** `.partial-<name>-<pid>-<ms>@<host>`; folders made before the host was added have none. */
const PARTIAL_NAME = /^\.partial-.+-(\d+)-\d+(?:@([A-Za-z0-9.-]+))?$/;

let lastStamp = 0;
/** Milliseconds since 1970, but never the same twice in this process. */
function uniqueStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/**
 * The results could not be saved. `exitCode` 2: the folder given cannot hold results (a file,
 * read-only, no permission), found before anything is simulated; 1: writing failed part-way
 * (a full disk), after which nothing is left behind.
 */
export class OutputFolderError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/**
 * Writes a results folder atomically: every file goes into a hidden temporary folder
 * (`.partial-…`, named with the process id and host) that is moved into place only when all
 * are written, so an interrupted or failed save never leaves a half-written result behind.
 *
 * - `ResultsFolder.create(base, name)`: a new folder `<base>/<name>-<timestamp>`, never
 *   overwriting another. Opened before simulating, so an unusable `--out` is reported at once
 *   rather than after the whole run.
 * - `ResultsFolder.update(folder)`: replaces files of an existing folder (`bedsim report`); a
 *   subfolder written (charts/) replaces the old one whole, and the old folder stays as it
 *   was until everything new is written.
 *
 * Opening one removes temporary folders that a killed bedsim on this machine left behind.
 */
export class ResultsFolder {
  readonly temporary: string;
  private finished = false;

  private constructor(
    /** Where the temporary folder is made: the base folder, or the folder being updated. */
    private readonly parent: string,
    /** The new folder's name before its timestamp; undefined when updating `parent`. */
    private readonly name: string | undefined,
    private readonly system: FolderSystem,
  ) {
    this.temporary = path.join(
      parent,
      `${PARTIAL}${name ?? "report"}-${process.pid}-${uniqueStamp()}@${HOST}`,
    );
    try {
      system.mkdir(parent);
      removeAbandoned(parent);
      system.mkdir(this.temporary);
    } catch (error) {
      throw unusableFolder(parent, name !== undefined, error);
    }
    open.add(this.temporary);
    listenForExit();
  }

  /** A new results folder `<name>-<timestamp>` inside `base` (created if missing). */
  static create(base: string, name: string, system = NODE_SYSTEM): ResultsFolder {
    return new ResultsFolder(base, name, system);
  }

  /** New versions of some files of the existing results folder `folder`. */
  static update(folder: string, system = NODE_SYSTEM): ResultsFolder {
    return new ResultsFolder(folder, undefined, system);
  }

  /**
   * Writes `files` and moves them into place, returning the folder. On failure nothing is
   * left: the temporary folder is removed and an OutputFolderError says what went wrong.
   */
  save(files: FolderFiles, now = new Date()): string {
    let swapping = false;
    try {
      for (const [file, contents] of Object.entries(files)) {
        const target = path.join(this.temporary, file);
        this.system.mkdir(path.dirname(target));
        this.system.writeFile(target, contents);
      }
      swapping = true;
      return this.name === undefined ? this.commitUpdate() : this.commitNew(this.name, now);
    } catch (error) {
      throw writeFailed(this.parent, this.name !== undefined, swapping, error);
    } finally {
      this.discard();
    }
  }

  /** Removes the temporary folder (after an error or an interrupt); nothing after a save. */
  discard(): void {
    if (this.finished) return;
    this.finished = true;
    open.delete(this.temporary);
    try {
      rmSync(this.temporary, { recursive: true, force: true });
    } catch {
      // Reporting this would hide the error that led here; a later run removes the folder.
    }
  }

  private commitNew(name: string, now: Date): string {
    const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    // Another run of the same scenario may finish in the same second, even between the check
    // and the rename: then the rename finds the folder taken, and the next number is tried.
    let target = path.join(this.parent, `${name}-${stamp}`);
    for (let n = 2; ; n++) {
      if (!existsSync(target))
        try {
          renameSync(this.temporary, target);
          break;
        } catch (error) {
          if (!["EEXIST", "ENOTEMPTY"].includes(errorCode(error) ?? "")) throw error;
        }
      target = path.join(this.parent, `${name}-${stamp}-${n}`);
    }
    this.finished = true;
    open.delete(this.temporary);
    return target;
  }

  /**
   * Moves each new top-level entry over the old one. A file replaces a file in one rename; a
   * folder (or anything replacing one) first moves the old one aside into the temporary
   * folder, which is removed with it.
   */
  private commitUpdate(): string {
    const aside = path.join(this.temporary, ".replaced");
    mkdirSync(aside);
    for (const entry of readdirSync(this.temporary)) {
      if (entry === ".replaced") continue;
      const fresh = path.join(this.temporary, entry);
      const target = path.join(this.parent, entry);
      const old = existsSync(target) ? statSync(target) : undefined;
      if (old && (old.isDirectory() || statSync(fresh).isDirectory())) {
        renameSync(target, path.join(aside, entry));
        try {
          renameSync(fresh, target);
        } catch (error) {
          renameSync(path.join(aside, entry), target);
          throw error;
        }
      } else {
        renameSync(fresh, target);
      }
    }
    return this.parent;
  }
}

/**
 * `mkdir -p`. Not Node's `{ recursive: true }`, which reports a read-only disk as ENOENT (no
 * such file) and can loop for ever under /proc.
 */
function makeFolder(dir: string, parentMade = false): void {
  try {
    mkdirSync(dir);
    return;
  } catch (error) {
    const code = errorCode(error);
    if (code === "EEXIST" && isFolder(dir)) return;
    if (code !== "ENOENT" || parentMade || path.dirname(dir) === dir) throw error;
  }
  makeFolder(path.dirname(dir));
  makeFolder(dir, true);
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Temporary folders of this process not yet saved or discarded. */
const open = new Set<string>();
let listening = false;

/**
 * Removes this process's temporary folders however it ends: a second Ctrl-C exits at once
 * (process.exit), without unwinding to the code that would discard them.
 */
function listenForExit(): void {
  if (listening) return;
  listening = true;
  process.on("exit", () => {
    for (const dir of open) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Temporary folders whose bedsim was killed outright (SIGKILL, a power cut) are never moved
 * into place or removed; remove those of processes on this machine that no longer exist.
 * Best effort: a folder that cannot be read or removed is left as it is.
 */
function removeAbandoned(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = PARTIAL_NAME.exec(entry);
    if (!match || (match[2] !== undefined && match[2] !== HOST)) continue;
    if (isRunning(Number(match[1]))) continue;
    try {
      rmSync(path.join(dir, entry), { recursive: true, force: true });
    } catch {
      // Someone else's, or read-only: not ours to fix.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Why a folder cannot hold results, in words, from the system's error code. */
function reason(dir: string, error: unknown): string | undefined {
  const code = errorCode(error);
  switch (code) {
    case "EEXIST":
    case "ENOTDIR":
      return notAFolder(dir);
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "it is on a read-only disk";
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
    case "ENAMETOOLONG":
      return "the path is too long";
    case "ENOENT":
      return "a folder cannot be created there";
    case undefined:
      return undefined;
    default:
      return `the system said ${code}: ${(error as Error).message}`;
  }
}

/** "it is a file, not a folder", or which folder on the way to `dir` is a file. */
function notAFolder(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    let stats: Stats | undefined;
    try {
      stats = statSync(at);
    } catch {
      // Missing, or below a file: look further up.
    }
    if (stats && !stats.isDirectory()) {
      const what = stats.isFile() ? "a file, not a folder" : "not a folder";
      return at === dir ? `it is ${what}` : `"${at}" is ${what}`;
    }
    if (path.dirname(at) === at) return "a part of that path is not a folder";
  }
}

function unusableFolder(dir: string, isOut: boolean, error: unknown): Error {
  const why = reason(dir, error);
  if (!why) return error as Error;
  const advice = isOut
    ? "give a folder you can write to with --out (it is created if it does not exist)"
    : "copy the folder somewhere you can write to and run bedsim report on the copy";
  return new OutputFolderError(`cannot save results in "${dir}": ${why}; ${advice}.`, 2);
}

function writeFailed(dir: string, isNew: boolean, swapping: boolean, error: unknown): Error {
  const why = reason(dir, error);
  if (!why) return error as Error;
  // An update swaps files in one by one: a failure while swapping may leave some new.
  const left = isNew
    ? "nothing was saved"
    : swapping
      ? "some charts or the report may not have been redrawn"
      : "the charts and report were left as they were";
  const advice = ["ENOSPC", "EDQUOT"].includes(errorCode(error) ?? "")
    ? "free some space and run it again"
    : "check that you can write there and run it again";
  return new OutputFolderError(
    `could not save the results in "${dir}": ${why}, so ${left}; ${advice}.`,
    1,
  );
}
