import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import { displayPath, InputError, type Problem, plain } from "./input-error.js";
import { MAX_FILE_BYTES, refusalMessage, type TextFiles, YAML_FILE } from "./text-files.js";
import { expansionFinding, MAX_DEPTH, scanText, TOO_DEEP_HERE } from "./yaml-size.js";

/** Expanding more aliases than this is treated as an attack ("billion laughs"), not a model. */
const MAX_ALIASES = 1000;

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

  /**
   * Reads (through `files`) and parses a file; `referredFrom` locates the line that names it,
   * where a file that cannot be read is reported.
   */
  static load(files: TextFiles, file: string, referredFrom?: Problem): YamlSource {
    const text = files.read(file, MAX_FILE_BYTES);
    if (typeof text === "string") return YamlSource.parse(file, text);
    // A file named on the command line that is too large is reported at its own top.
    if (!referredFrom && text.refused === "too-large")
      throw InputError.at(file, refusalMessage(text, "the file", YAML_FILE), 1, 1);
    throw new InputError([
      {
        ...(referredFrom ?? { file }),
        message: refusalMessage(text, plain(displayPath(file)), YAML_FILE),
      },
    ]);
  }

  static parse(file: string, text: string): YamlSource {
    // Before the library builds a tree: a file of a million values would take a gigabyte, and
    // brackets nested thousands deep would exhaust its stack.
    const scanned = scanText(text);
    if (scanned.stop) {
      const { line, column } = lineAndColumn(text, scanned.stop.offset);
      throw InputError.at(file, scanned.stop.message, line, column);
    }
    const lines = new LineCounter();
    let doc: Document.Parsed;
    try {
      doc = parseDocument(text, {
        lineCounter: lines,
        uniqueKeys: true,
        prettyErrors: false,
        schema: "core",
        // Problems are reported as InputErrors, never printed by the library.
        logLevel: "error",
      });
    } catch (error) {
      // The parser recurses once per level of nesting; absurd nesting exhausts the stack.
      const { line, column } = deepestLine(text);
      throw InputError.at(
        file,
        error instanceof RangeError
          ? TOO_DEEP
          : `the file cannot be read as YAML (${plain((error as Error).message ?? String(error))}); ${LAYOUT_HINT}`,
        line,
        column,
      );
    }
    const located = (offset: number, message: string): Problem => {
      const { line, col } = lines.linePos(offset);
      return { file, line, column: col, message };
    };
    const problems: Problem[] = doc.errors.map((e) =>
      located(errorOffset(doc, e), yamlMessage(e.code, e.message)),
    );
    // Every tag: unknown ones (!!js/function) would become strings, and the library's own
    // (!!binary, !!set) values no model can hold.
    for (const tag of scanned.tags) problems.push(located(tag.offset, tag.message));
    if (problems.length > 0) throw new InputError(firstDistinct(problems, 5));
    const { aliases, structure } = shape(doc.contents);
    if (structure.length > 0)
      throw new InputError(
        firstDistinct(
          structure.map((p) => located(p.offset, p.message)),
          5,
        ),
      );
    const expansion = expansionFinding(doc.contents);
    if (expansion) throw new InputError([located(expansion.offset, expansion.message)]);
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      const message = (error as Error).message;
      const unresolved = /Unresolved alias.*: (.+)$/.exec(message)?.[1].trim();
      const alias = unresolved ? aliases.find((a) => a.source === unresolved) : aliases[0];
      const name = plain(unresolved ?? "");
      throw new InputError([
        located(
          alias?.range?.[0] ?? 0,
          unresolved
            ? `the alias *${name} refers to no anchor &${name} earlier in the file; define the anchor first or write the value out`
            : `the file uses too many YAML aliases (*name) to expand safely (${plain(message)}); write the values out`,
        ),
      ]);
    }
    if (data === null || data === undefined)
      throw InputError.at(
        file,
        "the file is empty; see models/example-icb.yaml or scenarios/baseline.yaml for what goes in it",
        1,
        1,
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

/**
 * Where to report a syntax error. The yaml library reports an unclosed quote or bracket
 * where it gave up (often the end of the file or the next line); the person needs the line
 * where it opens.
 */
function errorOffset(doc: Document, error: YAMLError): number {
  const at = error.pos[0];
  const quote = /Missing closing .?quote/.test(error.message);
  const bracket = /end with a [\]}]/.test(error.message);
  if (!quote && !bracket) return at;
  let opening: number | undefined;
  const consider = (node: Node) => {
    const start = node.range?.[0];
    if (start !== undefined && start < at && (opening === undefined || start > opening))
      opening = start;
  };
  try {
    visit(doc, {
      Scalar(_, node) {
        if (quote && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) consider(node);
      },
      Seq(_, node) {
        if (bracket && node.flow && (node.range?.[1] ?? 0) >= at) consider(node);
      },
      Map(_, node) {
        if (bracket && node.flow && (node.range?.[1] ?? 0) >= at) consider(node);
      },
    });
  } catch {
    // A document nested deeply enough to exhaust the stack: report where the library did.
  }
  return opening ?? at;
}

/**
 * Walks the parsed document without recursion: finds the aliases (to locate alias problems)
 * and refuses what no model needs and the JavaScript conversion handles badly: keys that are
 * lists or blocks, and nesting deeper than MAX_DEPTH.
 */
function shape(root: Node | null): {
  aliases: Alias[];
  structure: { offset: number; message: string }[];
} {
  const aliases: Alias[] = [];
  const structure: { offset: number; message: string }[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  let tooDeep = false;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (isAlias(node)) aliases.push(node);
    if (!isCollection(node)) continue;
    if (depth > MAX_DEPTH && !tooDeep) {
      tooDeep = true;
      structure.push({
        offset: node.range?.[0] ?? 0,
        message: TOO_DEEP_HERE,
      });
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (item.key !== null && !isScalar(item.key) && !isAlias(item.key)) {
          structure.push({
            offset: (item.key as Node).range?.[0] ?? 0,
            message:
              'a key must be a plain word (like "beds"), not a list or a block; remove the "?" or the brackets',
          });
        }
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  aliases.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { aliases, structure };
}

/** At most `limit` problems, one per line and column (one mistake often trips several rules). */
function firstDistinct(problems: Problem[], limit: number): Problem[] {
  const seen = new Set<string>();
  const kept: Problem[] = [];
  for (const p of [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  )) {
    const key = `${p.line}:${p.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(p);
  }
  return kept.slice(0, limit);
}

/** 1-based line and column of an offset, for problems found before the library counts lines. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf("\n"); at >= 0 && at < offset; at = text.indexOf("\n", at + 1)) {
    line++;
    start = at + 1;
  }
  return { line, column: offset - start + 1 };
}

const TOO_DEEP =
  "the file nests lists and blocks too deeply to read; a model needs only a few levels, so check the indentation and brackets";

/** The line most deeply nested by indentation and open brackets: where to point at TOO_DEEP. */
function deepestLine(text: string): { line: number; column: number } {
  let best = { line: 1, column: 1, depth: -1 };
  text.split("\n").forEach((content, i) => {
    const indent = content.length - content.trimStart().length;
    let brackets = 0;
    for (const c of content) if (c === "[" || c === "{") brackets++;
    if (indent + brackets > best.depth)
      best = { line: i + 1, column: indent + 1, depth: indent + brackets };
  });
  return { line: best.line, column: best.column };
}

const LAYOUT_HINT =
  'check the indentation (spaces, not tabs): keys in one block must line up, and every "key: value" needs a space after the colon';

function yamlMessage(code: string, message: string): string {
  const first = plain(message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""));
  if (/Missing closing .?quote/.test(first))
    return `the YAML is not well formed here (${first}): this quoted text is never closed; add the closing quote at the end of the value, on the same line`;
  if (/end with a [\]}]/.test(first)) {
    const close = first.endsWith("}") ? "}" : "]";
    return `the YAML is not well formed here (${first}): this ${close === "]" ? "[" : "{"} is never closed; add ${close} at the end of the ${close === "]" ? "list" : "block"}, on the same line`;
  }
  switch (code) {
    case "RESOURCE_EXHAUSTION":
      return TOO_DEEP;
    case "MULTIPLE_DOCS":
      return "the file holds more than one YAML document (a line of --- starts another); keep one, or remove the --- line";
    case "DUPLICATE_KEY":
      return "this key appears twice in the same block; keep one of them";
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return `the YAML is not well formed here (${first}); ${LAYOUT_HINT}`;
    case "TAB_AS_INDENT":
      return "a tab is used for indentation; YAML needs spaces";
    default:
      return `the YAML is not well formed here (${first}); ${LAYOUT_HINT}, and that quotes and brackets are closed`;
  }
}
