// How much a YAML file holds, measured before it becomes data, so that a short file cannot
// stand for an enormous one. Two counts: the values written, read from the text before the
// yaml library builds a node for each (about a kilobyte of memory a value); and the values once
// aliases (*name) are expanded, a "billion laughs" or one long list reused a thousand times.
// An alias inside the very value its anchor names would expand for ever. Also finds YAML
// tags, which bedsim files do not use.
import { type Alias, CST, isAlias, isCollection, isPair, Lexer, type Node } from "yaml";
import { plain, quote } from "./input-error.js";

/** More values than this are not written by hand; a long list of stays belongs in a CSV. */
const MAX_WRITTEN_VALUES = 50_000;
/** Values once aliases expand: a model has hundreds; this bounds the memory the data takes. */
const MAX_EXPANDED_VALUES = 1_000_000;
/** Deeper nesting is not a model (the deepest real path is a mixture inside a cohort). */
export const MAX_DEPTH = 40;

export const TOO_DEEP_HERE = `the file nests lists and blocks more than ${MAX_DEPTH} levels deep here; a model needs only a few levels, so check the indentation and brackets`;

/** Something found at an offset in the text. */
export interface Finding {
  offset: number;
  message: string;
}

const STAYS_IN_A_CSV =
  "put a long list of observed stays in a CSV file (distribution: empirical, file: stays.csv)";

/** Lexemes that open a value: a scalar, an alias, or a [ ] or { } collection. */
const VALUE_TOKENS = new Set([
  "scalar",
  "single-quoted-scalar",
  "double-quoted-scalar",
  "block-scalar-header",
  "alias",
  "flow-seq-start",
  "flow-map-start",
]);

/**
 * From the text alone, with the library's lexer (which holds no tree): every YAML tag, and
 * where to stop reading, if anywhere: the first value past MAX_WRITTEN_VALUES, or the first
 * bracket nested deeper than MAX_DEPTH (the library's parser would recurse into each).
 */
export function scanText(text: string): { tags: Finding[]; stop?: Finding } {
  const tags: Finding[] = [];
  let values = 0;
  let brackets = 0;
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const type = CST.tokenType(lexeme);
    if (type === "tag")
      tags.push({
        offset,
        message: `YAML tags (words starting with !, like ${quote(lexeme)} here) are not supported: they are not allowed here; remove the tag and write the value plainly`,
      });
    if (type === "flow-seq-end" || type === "flow-map-end") brackets--;
    if ((type === "flow-seq-start" || type === "flow-map-start") && ++brackets > MAX_DEPTH)
      return { tags, stop: { offset, message: TOO_DEEP_HERE } };
    if (type !== null && VALUE_TOKENS.has(type) && ++values > MAX_WRITTEN_VALUES)
      return {
        tags,
        stop: {
          offset,
          message: `the file holds more than ${MAX_WRITTEN_VALUES.toLocaleString("en-GB")} values by here; a model or scenario needs a few hundred, so ${STAYS_IN_A_CSV}`,
        },
      };
    // The lexer's one-character markers (a document starts, a flow ends, a plain scalar
    // follows) are not in the text.
    if (!(lexeme.length === 1 && MARKERS.has(lexeme))) offset += lexeme.length;
  }
  return { tags };
}

const MARKERS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * Counts the values of the parsed document in order, each alias as the number of values its
 * anchored value holds, and stops at the alias that takes the count past MAX_EXPANDED_VALUES,
 * or at an alias inside its own anchored value. Without recursion, and without expanding
 * anything: each anchored value is counted once, where it is written.
 */
export function expansionFinding(root: Node | null): Finding | undefined {
  // The latest value with each anchor, as the library resolves an alias: the last one before it.
  const anchored = new Map<string, Node>();
  // The count of each anchored value, once all of it has been counted.
  const counted = new Map<Node, number>();
  let total = 0;
  const stack: ({ node: unknown } | { leave: Node; start: number })[] = [{ node: root }];
  while (stack.length > 0) {
    const top = stack.pop() as { node: unknown } | { leave: Node; start: number };
    if ("leave" in top) {
      counted.set(top.leave, total - top.start);
      continue;
    }
    const { node } = top;
    if (isAlias(node)) {
      const target = anchored.get(node.source);
      // An alias to no anchor is reported when the data is built.
      if (target === undefined) continue;
      const size = counted.get(target);
      // An anchored value not yet fully counted is one the alias is inside of.
      if (size === undefined) return { offset: offsetOf(node), message: selfReference(node) };
      total += size;
      if (total > MAX_EXPANDED_VALUES) return { offset: offsetOf(node), message: tooBig(node) };
      continue;
    }
    if (isPair(node)) {
      stack.push({ node: node.value }, { node: node.key });
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    total += 1;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) {
      anchored.set(anchor, node as Node);
      stack.push({ leave: node as Node, start: total - 1 });
    }
    if (isCollection(node))
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i] });
  }
  return undefined;
}

function offsetOf(node: Alias): number {
  return node.range?.[0] ?? 0;
}

function selfReference(alias: Alias): string {
  const name = plain(alias.source);
  return `this alias (*${name}) refers to itself: it is inside the value anchored as &${name}, which would then contain itself without end; write the value out instead of the alias`;
}

function tooBig(alias: Alias): string {
  return `the file uses too many YAML aliases (*${plain(alias.source)} here) to expand safely: with them it would hold more than ${MAX_EXPANDED_VALUES.toLocaleString("en-GB")} values; write the values out instead of the aliases, and ${STAYS_IN_A_CSV}`;
}
