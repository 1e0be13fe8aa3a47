// The code editor for the scenario's files: CodeMirror 6 with YAML highlighting, completion
// and hover help from bedsim's JSON Schemas (codemirror-json-schema), and bedsim's own loader
// as its linter, so that a mistake is marked where it is, in the words the CLI would print.
// Tab is left to move the focus on (CodeMirror's default), so the editor never traps it.
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { type Diagnostic, forceLinting, linter, lintGutter } from "@codemirror/lint";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, hoverTooltip } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { stateExtensions } from "codemirror-json-schema";
import { yamlCompletion, yamlSchemaHover } from "codemirror-json-schema/yaml";
import { formatProblem, type Problem } from "../../src/scenario/input-error.js";
import { problemRange } from "./problem-range.js";

/** A JSON Schema, as `bedsim schema` prints it. */
export type JsonSchema = Parameters<typeof stateExtensions>[0];

export interface EditorOptions {
  parent: HTMLElement;
  /** Ids of the elements that name and describe the editor, for assistive technology. */
  labelledBy: string;
  describedBy: string;
  /** bedsim's problems with the scenario if `file` held `text` (from its loader). */
  check(file: string, text: string): Problem[];
  /** Hears every check's problems, for the problems box beside the editor. */
  checked(problems: Problem[]): void;
}

export class YamlEditor {
  private file = "";
  private readonly view: EditorView;

  constructor(private readonly options: EditorOptions) {
    this.view = new EditorView({ parent: options.parent, state: this.stateFor("") });
  }

  /** Shows `file` (its `text`), with completion and hover help from `schema` if it has one. */
  show(file: string, text: string, schema?: JsonSchema): void {
    this.file = file;
    this.view.setState(this.stateFor(text, schema));
    forceLinting(this.view);
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  focus(): void {
    this.view.focus();
  }

  private lint(view: EditorView): Diagnostic[] {
    const text = view.state.doc.toString();
    const problems = this.options.check(this.file, text);
    this.options.checked(problems);
    return problems
      .filter((p) => p.file === this.file)
      .map((p) => ({
        ...problemRange(text, p),
        severity: "error" as const,
        source: "bedsim",
        message: formatProblem(p),
      }));
  }

  private stateFor(text: string, schema?: JsonSchema): EditorState {
    const help: Extension = schema
      ? [
          stateExtensions(schema),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          hoverTooltip(yamlSchemaHover()),
        ]
      : [];
    return EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        yaml(),
        help,
        linter((view) => this.lint(view), { delay: 300 }),
        lintGutter(),
        // Long lines wrap, so the text reflows at 200% zoom instead of scrolling sideways.
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          "aria-labelledby": this.options.labelledBy,
          "aria-describedby": this.options.describedBy,
        }),
      ],
    });
  }
}
