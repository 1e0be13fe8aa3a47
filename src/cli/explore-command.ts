// `bedsim explore [scenario]`: one self-contained HTML page in which a finance lead or a
// clinician changes levers and runs plans against the scenario, with bedsim's own engine
// running in the page. The page is built once (`npm run build`, from explorer/); this fills
// it with the scenario's files, loaded and checked first exactly as `bedsim run` does.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OutputFolderError } from "../results/results-folder.js";
import { loadScenario } from "../scenario/load.js";
import { MAX_FILE_BYTES } from "../scenario/text-files.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { nodeFiles } from "./node-files.js";

export const DEFAULT_EXPLORE_SCENARIO = "scenarios/baseline.yaml";
export const DEFAULT_EXPLORE_OUT = "explorer.html";

/** Where the built page keeps the files: the one text (a JSON string) its data tag holds. */
const PLACEHOLDER = '"__BEDSIM_FILES__"';

/** The page built by `npm run build`; src/cli and dist/cli are both two folders down. */
const TEMPLATE = new URL("../../dist/explorer/index.html", import.meta.url);

export interface ExploreCommandOptions {
  out?: string;
}

export async function exploreCommand(
  file: string | undefined,
  options: ExploreCommandOptions = {},
): Promise<void> {
  const scenario = file ?? DEFAULT_EXPLORE_SCENARIO;
  const loaded = loadScenario(scenario, { files: nodeFiles });
  // Building the pathway resolves reinvestments, which can fail (nothing to reinvest).
  buildPathway(loaded);
  const out = path.resolve(options.out ?? DEFAULT_EXPLORE_OUT);
  const page = explorerPage(readTemplate(), embeddedFiles(loaded.file, loaded.files));
  writeAtomically(out, page);
  const size = (Buffer.byteLength(page) / 1024 / 1024).toFixed(1);
  const shown = path.relative(process.cwd(), out);
  process.stdout.write(
    `Written ${shown.startsWith("..") || path.isAbsolute(shown) ? out : shown} (${size} MB): open it in a web browser; it needs no internet and sends nothing anywhere.\n`,
  );
}

/**
 * The scenario's files keyed by their names relative to the folder that holds them all, with
 * "/" between folders, so the page resolves "../models/x.yaml" as the CLI did and the page
 * shows no more of this computer's folders than the scenario's own.
 */
export function embeddedFiles(entry: string, files: string[]) {
  const unique = [...new Set(files)];
  let root = path.dirname(unique[0] ?? entry);
  while (!unique.every((f) => !path.relative(root, f).startsWith(".."))) {
    root = path.dirname(root);
  }
  const key = (f: string) => path.relative(root, f).split(path.sep).join("/");
  const texts: Record<string, string> = {};
  for (const f of unique) {
    const text = nodeFiles.read(f, MAX_FILE_BYTES);
    // The loader has just read every one of them.
    if (typeof text !== "string") throw new Error(`${f} could not be read again`);
    texts[key(f)] = text;
  }
  return { entry: key(entry), files: texts };
}

/**
 * The page with the files inlined as JSON in its data tag. "<", ">", "&" and the two line
 * separators are escaped, so no file's text can end the tag or start a comment.
 */
export function explorerPage(template: string, data: unknown): string {
  const parts = template.split(PLACEHOLDER);
  if (parts.length !== 2) throw new Error("the explorer page template has no place for the files");
  const json = JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  // Joined, not String.replace: a "$&" in a file must stay as it is.
  return parts[0] + json + parts[1];
}

function readTemplate(): string {
  if (!existsSync(TEMPLATE))
    throw new Error(
      "the explorer page is not built; run npm run build in the bedsim folder, then try again",
    );
  return readFileSync(TEMPLATE, "utf8");
}

/** Written beside its final name, then renamed: a failed write leaves nothing half-written. */
function writeAtomically(out: string, text: string): void {
  const advice = "give a file name you can write to with --out, e.g. --out explorer.html";
  const stats = statSync(out, { throwIfNoEntry: false });
  if (stats?.isDirectory())
    throw new OutputFolderError(`cannot write "${out}": it is a folder; ${advice}.`, 2);
  const folder = statSync(path.dirname(out), { throwIfNoEntry: false });
  if (!folder?.isDirectory())
    throw new OutputFolderError(
      `cannot write "${out}": the folder "${path.dirname(out)}" does not exist; create it or ${advice}.`,
      2,
    );
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.partial-${process.pid}`);
  try {
    writeFileSync(partial, text);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const full = code === "ENOSPC" || code === "EDQUOT";
    throw new OutputFolderError(
      `could not write "${out}" (${full ? "the disk is full" : (code ?? "unknown error")}), so nothing was written; ${full ? "free some space and run it again" : advice}.`,
      full ? 1 : 2,
    );
  }
}
