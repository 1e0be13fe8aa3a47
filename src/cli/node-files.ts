// The loader's files read from disk, safely: only ordinary files (a device such as /dev/zero
// or /dev/urandom never ends, and opening a pipe waits for a writer forever), and never more
// than the limit plus one byte, however large the file. The only place that reads the user's
// input files with node:fs; importing it makes it the loader's default reader.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import path from "node:path";
import { type FileRefusal, type TextFiles, useTextFiles } from "../scenario/text-files.js";

/** Read in pieces of this size, so that a small file does not cost a buffer of the limit. */
const CHUNK_BYTES = 64 * 1024;

export const nodeFiles: TextFiles = {
  read: readTextFile,
  resolve: (name, namedIn) =>
    namedIn === undefined ? path.resolve(name) : path.resolve(path.dirname(namedIn), name),
};

useTextFiles(nodeFiles);

function readTextFile(file: string, maxBytes: number): string | FileRefusal {
  // Looked at before opening: opening a device can itself do something (or wait).
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    return failure(error);
  }
  const before = refusal(stats, maxBytes);
  if (before) return before;
  let fd: number;
  try {
    // Non-blocking, so that a pipe put in the file's place since the look does not hang.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return failure(error);
  }
  try {
    // What was opened is what is read: the file may have been replaced since the look.
    const after = refusal(fstatSync(fd), maxBytes);
    if (after) return after;
    const chunks: Buffer[] = [];
    let total = 0;
    // A file can grow while it is read; stop one byte past the limit whatever its size said.
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const count = readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
    }
    if (total > maxBytes) return { refused: "too-large" };
    return Buffer.concat(chunks, total).toString("utf8");
  } catch (error) {
    return failure(error);
  } finally {
    closeSync(fd);
  }
}

function refusal(stats: Stats, maxBytes: number): FileRefusal | undefined {
  if (stats.isDirectory()) return { refused: "folder" };
  if (stats.isFIFO()) return { refused: "not-a-file", kind: "pipe" };
  if (stats.isSocket()) return { refused: "not-a-file", kind: "socket" };
  if (!stats.isFile()) return { refused: "not-a-file", kind: "device" };
  if (stats.size > maxBytes) return { refused: "too-large" };
  return undefined;
}

function failure(error: unknown): FileRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return { refused: "missing" };
  if (code === "EISDIR") return { refused: "folder" };
  return { refused: "unreadable", code };
}
