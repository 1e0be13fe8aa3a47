import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { InputError, type Problem } from "./input-error.js";

/** Expanding more aliases than this is treated as an attack ("billion laughs"), not a model. */
const MAX_ALIASES = 1000;
/** Larger files are not hand-written models; refuse before parsing. */
const MAX_BYTES = 5 * 1024 * 1024;

export type DataPath = readonly (string | number)[];

/**
 * A parsed YAML file that remembers where every value came from, so that problems found
 * later (by the schema or by semantic checks) can name the file, line and column.
 */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly data: unknown,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {}

  /** Reads and parses a file; `referredFrom` locates the reference when the file is missing. */
  static load(file: string, referredFrom?: Problem): YamlSource {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === "ENOENT"
          ? `cannot find the file ${file}; check the name and that the path is relative to the file that names it`
          : code === "EISDIR"
            ? `${file} is a folder, not a YAML file`
            : `cannot read ${file} (${code ?? "unknown error"})`;
      throw new InputError([{ ...(referredFrom ?? { file }), message: reason }]);
    }
    if (text.length > MAX_BYTES)
      throw InputError.at(
        file,
        "the file is larger than 5 MB; a model or scenario file should be a few kilobytes",
      );
    return YamlSource.parse(file, text);
  }

  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
      schema: "core",
    });
    const located = (offset: number, message: string): Problem => {
      const { line, col } = lines.linePos(offset);
      return { file, line, column: col, message };
    };
    const problems: Problem[] = doc.errors.map((e) =>
      located(e.pos[0], yamlMessage(e.code, e.message)),
    );
    for (const w of doc.warnings) {
      // Unknown tags (such as !!js/function or !!binary) would otherwise become strings silently.
      if (w.code === "TAG_RESOLVE_FAILED")
        problems.push(
          located(
            w.pos[0],
            "YAML tags (words starting with !) are not allowed here; remove the tag",
          ),
        );
    }
    if (problems.length > 0) throw new InputError(problems.slice(0, 5));
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      throw InputError.at(
        file,
        `the file uses too many YAML aliases (*name) to expand safely (${(error as Error).message}); write the values out`,
      );
    }
    if (data === null || data === undefined)
      throw InputError.at(
        file,
        "the file is empty; see models/example-icb.yaml or scenarios/baseline.yaml for what goes in it",
      );
    if (typeof data !== "object" || Array.isArray(data))
      throw InputError.at(
        file,
        "the file must be a set of `key: value` lines at the top level",
        1,
        1,
      );
    return new YamlSource(file, data, doc.contents, lines);
  }

  /**
   * Line and column of the value at `path` (or of its key when `key` is set). A path that
   * does not exist (a missing key) falls back to the nearest enclosing value.
   */
  locate(path: DataPath, key = false): Problem {
    let node: Node | null = this.root;
    let keyNode: Node | null = null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value as Node | null;
        if (!node) break;
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        keyNode = null;
        node = node.items[segment] as Node;
      } else {
        break;
      }
    }
    const target = key && keyNode ? keyNode : (node ?? keyNode);
    const offset = target?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, message: "" };
  }

  problem(path: DataPath, message: string, key = false): Problem {
    return { ...this.locate(path, key), message };
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  switch (code) {
    case "DUPLICATE_KEY":
      return "this key appears twice in the same block; keep one of them";
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
      return `the YAML is not well formed here (${first}); check the indentation (spaces, not tabs) and that every "key: value" has a space after the colon`;
    case "TAB_AS_INDENT":
      return "a tab is used for indentation; YAML needs spaces";
    default:
      return `the YAML is not well formed here (${first})`;
  }
}
