import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { LoadedScenario } from "../scenario/load.js";
import { scenarioDescription } from "../scenario/scenario-description.js";
import type { ResolvedReinvestment } from "../scenario/to-pathway.js";
import { yamlComments } from "../scenario/yaml-comments.js";
import { VERSION } from "../version.js";

/** The resolved scenario as summary.json records it, files named from the working folder. */
export function describeScenario(loaded: LoadedScenario, reinvestments: ResolvedReinvestment[]) {
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  // The model file was read and checked moments ago; its comments are its figures' sources.
  const sources = yamlComments(readFileSync(loaded.modelFile, "utf8"));
  return scenarioDescription(loaded, reinvestments, relative, sources);
}

/** What is needed to reproduce a run exactly. */
export function manifest(loaded: LoadedScenario, seed: number) {
  return {
    bedsim_version: VERSION,
    node_version: process.version,
    platform: `${process.platform} ${process.arch}`,
    seed,
    files: loaded.files.map((file) => ({
      path: path.relative(process.cwd(), file) || file,
      sha256: createHash("sha256").update(readFileSync(file)).digest("hex"),
    })),
  };
}
