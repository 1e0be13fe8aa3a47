// The scenario files `bedsim explore` inlined into the page, and a TextFiles reader over them,
// so that the page loads scenarios with bedsim's own loader and its located errors.
import type { FileRefusal, TextFiles } from "../../src/scenario/text-files.js";

/** What `bedsim explore` writes into the page (src/cli/explore-command.ts). */
export interface EmbeddedFiles {
  /** The scenario explored, as a key of `files`. */
  entry: string;
  /** Every file the scenario reads (itself, what it extends, its model, stays, census). */
  files: Record<string, string>;
}

/** The inlined files, or undefined in the bare template (`npm run build` output). */
export function embeddedFiles(): EmbeddedFiles | undefined {
  const tag = document.getElementById("bedsim-files");
  const data: unknown = JSON.parse(tag?.textContent || "null");
  // The template holds a placeholder string until `bedsim explore` puts the files there.
  return typeof data === "object" && data !== null ? (data as EmbeddedFiles) : undefined;
}

/** Reads from the inlined files, with `extra` (the plan, an edited scenario) on top. */
export function memoryFiles(
  files: Record<string, string>,
  extra: Record<string, string> = {},
): TextFiles {
  return {
    read(file, maxBytes): string | FileRefusal {
      const text = extra[file] ?? files[file];
      if (text === undefined) return { refused: "missing" };
      if (new TextEncoder().encode(text).length > maxBytes) return { refused: "too-large" };
      return text;
    },
  };
}
