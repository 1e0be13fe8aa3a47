// How the loader reads files: through this small interface, never the file system itself, so
// that the same loader runs in Node (src/cli/node-files.ts reads the disk) and in a web page
// (files the person opened or typed). Also how each refusal is worded for the person.
import { resolveName } from "./file-paths.js";

/**
 * The largest file read, in bytes: a hand-written model or scenario is a few kilobytes, and a
 * CSV of observed stays has thousands of rows, not millions.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Why a file was not read. */
export type FileRefusal =
  | { refused: "missing" }
  | { refused: "folder" }
  /** A device such as /dev/zero, a pipe (FIFO) or a socket: reading it could never end. */
  | { refused: "not-a-file"; kind?: "device" | "pipe" | "socket" }
  | { refused: "too-large" }
  | { refused: "unreadable"; code?: string };

export interface TextFiles {
  /**
   * The text (UTF-8) of an ordinary file, or why it was not read. A larger file than
   * `maxBytes` is refused as too large, having read at most `maxBytes` + 1 bytes of it.
   */
  read(file: string, maxBytes: number): string | FileRefusal;
  /**
   * The full name of `name` as written in the file `namedIn` (relative to its folder), or as
   * given on the command line when `namedIn` is absent. Without it, names are resolved as
   * text (file-paths.ts), and a name given alone stays as it is.
   */
  resolve?(name: string, namedIn?: string): string;
}

/** `name` resolved by `files` if it can, else as text. */
export function resolveWith(files: TextFiles, name: string, namedIn?: string): string {
  return files.resolve ? files.resolve(name, namedIn) : resolveName(name, namedIn);
}

/**
 * A reader that reads each file once and then answers from memory: every point of a sweep
 * loads the same files, which then need reading only once and cannot change between points.
 */
export function rememberedFiles(files: TextFiles): TextFiles {
  const texts = new Map<string, string | FileRefusal>();
  return {
    read(file, maxBytes) {
      const key = `${maxBytes}\u0000${file}`;
      let text = texts.get(key);
      if (text === undefined) {
        text = files.read(file, maxBytes);
        texts.set(key, text);
      }
      return text;
    },
    ...(files.resolve && { resolve: files.resolve.bind(files) }),
  };
}

let host: TextFiles | undefined;

/**
 * Sets the reader loadScenario uses when its caller gives none: src/cli/node-files.ts sets
 * Node's file system when it is imported; a web page sets its own.
 */
export function useTextFiles(files: TextFiles): void {
  host = files;
}

export function defaultTextFiles(): TextFiles {
  if (!host)
    throw new Error(
      "no way to read files: pass `files` to loadScenario, or import src/cli/node-files.ts to read them from disk",
    );
  return host;
}

/** What a file is, in a refusal: "a YAML file" or "a CSV file of stays", and its extension. */
export interface FileRole {
  what: string;
  extension: string;
  /** Where a relative name is looked for. */
  relativeTo: string;
}

export const YAML_FILE: FileRole = {
  what: "a YAML file",
  extension: ".yaml",
  relativeTo: "the file that names it",
};

export const STAYS_FILE: FileRole = {
  what: "a CSV file of stays",
  extension: ".csv",
  relativeTo: "this YAML file",
};

const NOT_A_FILE = {
  device: "a device",
  pipe: "a pipe (FIFO)",
  socket: "a socket",
  unknown: "a device, a pipe or a socket",
};

/** The refusal in plain English; `shown` is the file's name as the message shows it. */
export function refusalMessage(refusal: FileRefusal, shown: string, role: FileRole): string {
  switch (refusal.refused) {
    case "missing":
      return `cannot find the file ${shown}; check the name and that the path is relative to ${role.relativeTo}`;
    case "folder":
      return `${shown} is a folder, not ${role.what}; name a ${role.extension} file`;
    case "not-a-file":
      return `${shown} is ${NOT_A_FILE[refusal.kind ?? "unknown"]}, not an ordinary file, so it cannot be read as ${role.what}; name a ${role.extension} file`;
    case "too-large":
      return `${shown} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; ${role === YAML_FILE ? "a model or scenario file should be a few kilobytes" : "a list of observed stays should be far smaller"}`;
    case "unreadable":
      return `cannot read ${shown} (${refusal.code ?? "unknown error"}); check that the file exists and you may read it`;
  }
}
