import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { LoadedScenario } from "../scenario/load.js";
import { reinvestmentRecords } from "../scenario/reinvestment-record.js";
import type { ResolvedReinvestment } from "../scenario/to-pathway.js";
import { yamlComments } from "../scenario/yaml-comments.js";
import { VERSION } from "../version.js";

/** The resolved scenario as recorded in summary.json: enough to read and to reproduce. */
export function describeScenario(loaded: LoadedScenario, reinvestments: ResolvedReinvestment[]) {
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  return {
    name: loaded.name,
    title: loaded.title,
    description: loaded.description,
    file: relative(loaded.file),
    model_file: relative(loaded.modelFile),
    run: loaded.run,
    changes: loaded.changes.map((c) => c.change),
    reinvestments: reinvestmentRecords(reinvestments),
    model: loaded.model,
    // The model file was read and checked moments ago; its comments are its figures' sources.
    model_sources: yamlComments(readFileSync(loaded.modelFile, "utf8")),
  };
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
