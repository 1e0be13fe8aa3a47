import type { LoadedScenario } from "./load.js";
import { reinvestmentRecords } from "./reinvestment-record.js";
import type { ResolvedReinvestment } from "./to-pathway.js";

/**
 * The resolved scenario as recorded in summary.json: enough to read and to reproduce. Made
 * alike by the command line and the explorer page, which differ only in how they show a file's
 * path (`shown`) and where they read the model's text, whose comments are its figures'
 * sources (`modelSources`, from yamlComments).
 */
export function scenarioDescription(
  loaded: LoadedScenario,
  reinvestments: ResolvedReinvestment[],
  shown: (file: string) => string,
  modelSources: Record<string, string>,
) {
  return {
    name: loaded.name,
    title: loaded.title,
    description: loaded.description,
    file: shown(loaded.file),
    model_file: shown(loaded.modelFile),
    run: loaded.run,
    changes: loaded.changes.map((c) => c.change),
    reinvestments: reinvestmentRecords(reinvestments),
    model: loaded.model,
    model_sources: modelSources,
  };
}
