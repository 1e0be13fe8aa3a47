// The page's editor panel: every file the scenario reads (itself, what it extends, its model)
// in the code editor, with the schema that file is written to, checked by bedsim's loader as
// it is typed, and made the baseline on Apply. Edits not yet applied are kept per file while
// another file is open.
import { parse as parseYaml } from "yaml";
import modelSchema from "../../schema/model.schema.json";
import scenarioSchema from "../../schema/scenario.schema.json";
import { looksLike } from "../../src/scenario/file-kind.js";
import { InputError, type Problem } from "../../src/scenario/input-error.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { LoadedScenario } from "../../src/scenario/scenario-types.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import { type EmbeddedFiles, memoryFiles } from "./embedded-files.js";
import { type JsonSchema, YamlEditor } from "./yaml-editor.js";

export interface EditorPanelOptions {
  data: EmbeddedFiles;
  /** The edits applied so far, by file (the page reads its files through them). */
  edits: Record<string, string>;
  /** The model file of the scenario now explored, once one has loaded. */
  modelFile(): string | undefined;
  /** Shows the problems of the files as edited (undefined: there are none). */
  report(error: unknown): void;
  /** The edited files loaded: the scenario they make is the new baseline. */
  applied(loaded: LoadedScenario): void;
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;

/** The schema a YAML file is written to (the model's or a scenario's); none for a CSV. */
function schemaFor(file: string, text: string, modelFile?: string): JsonSchema | undefined {
  if (!/\.ya?ml$/i.test(file)) return undefined;
  let kind: "model" | "scenario" | undefined;
  if (modelFile) kind = file === modelFile ? "model" : "scenario";
  else
    try {
      kind = looksLike(parseYaml(text));
    } catch {
      kind = undefined;
    }
  return (kind === "model" ? modelSchema : scenarioSchema) as JsonSchema;
}

export function editorPanel(options: EditorPanelOptions): void {
  const { entry, files } = options.data;
  /** Files changed in the editor and not yet applied. */
  const drafts: Record<string, string> = {};
  const withDrafts = (extra: Record<string, string> = {}) =>
    memoryFiles(files, { ...options.edits, ...drafts, ...extra });
  /** Problems bedsim's loader finds with `file` holding `text`; none if the scenario loads. */
  const problemsWith = (file: string, text: string): Problem[] => {
    try {
      buildPathway(loadScenario(entry, { files: withDrafts({ [file]: text }) }));
      return [];
    } catch (error) {
      if (error instanceof InputError) return error.problems;
      return [{ message: `bedsim itself went wrong (not your files): ${String(error)}` }];
    }
  };
  const choice = $("editor-file") as HTMLSelectElement;
  for (const file of Object.keys(files)) choice.add(new Option(file, file, false, file === entry));
  const editor = new YamlEditor({
    parent: $("editor"),
    labelledBy: "editor-label",
    describedBy: "editor-help",
    check: problemsWith,
    checked: (problems) =>
      options.report(problems.length > 0 ? new InputError(problems) : undefined),
  });
  let shown = entry;
  const open = (file: string) => {
    shown = file;
    const text = drafts[file] ?? options.edits[file] ?? files[file] ?? "";
    const modelFile = options.modelFile();
    editor.show(file, text, schemaFor(file, text, modelFile));
    $("editor-label").textContent =
      file === entry
        ? `${file}: the scenario explored`
        : `${file}: ${file === modelFile ? "the model of the scenario explored" : "read by the scenario explored"}`;
  };
  open(entry);
  $("editor-note").textContent =
    "As they were when this page was made; edits stay in this page until you export them.";
  choice.addEventListener("change", () => {
    drafts[shown] = editor.text;
    open(choice.value);
  });
  $("apply").addEventListener("click", () => {
    drafts[shown] = editor.text;
    // Until the edits load, the last scenario that did stays the baseline.
    try {
      const loaded = loadScenario(entry, { files: withDrafts() });
      buildPathway(loaded);
      Object.assign(options.edits, drafts);
      for (const file of Object.keys(drafts)) delete drafts[file];
      options.report(undefined);
      options.applied(loaded);
    } catch (error) {
      options.report(error);
    }
  });
}
