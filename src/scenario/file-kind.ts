// Telling a model file from a scenario file by its top-level keys, to explain a mix-up.

/** Which kind of file this looks like, from its top-level keys, when it is clearly one. */
export function looksLike(data: unknown): "model" | "scenario" | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const model = keys.some((k) => MODEL_ONLY_KEYS.has(k));
  const scenario = keys.some((k) => SCENARIO_ONLY_KEYS.has(k));
  if (model && !scenario) return "model";
  if (scenario && !model) return "scenario";
  return undefined;
}
const MODEL_ONLY_KEYS = new Set(["pathway", "cohorts", "services"]);
const SCENARIO_ONLY_KEYS = new Set(["model", "extends", "run", "changes", "set", "sweep"]);
