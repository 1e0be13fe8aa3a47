/**
 * The comments a user wrote beside a model's figures, which are where they cite a figure's
 * source ("# 63%: CQC 2018"). The `yaml` library keeps comments on the nodes they precede or
 * follow; this collects them by the figure's path, so the report and workbook can print each
 * parameter's source beside it.
 *
 * Paths are keys joined by "."; a list item is named by its `id` (cohorts, services) or its
 * `route` (discharge routes), else its position from 0: "cohorts.older_adults.picu_share",
 * "pathway.discharge_routes.home.delay.share". `assumptionKey` in src/report/assumptions.ts
 * builds the same names from the recorded model.
 */
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument } from "yaml";

/** Path → comment text (trimmed, lines joined). Never throws: a file it cannot read has none. */
export function yamlComments(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  let root: unknown;
  try {
    root = parseDocument(text, { logLevel: "silent" }).contents;
  } catch {
    return found;
  }
  const add = (path: string[], ...comments: (string | null | undefined)[]) => {
    const text = comments
      .filter((c): c is string => typeof c === "string" && c.trim() !== "")
      .map(clean)
      .join(" ");
    if (!text || path.length === 0) return;
    const key = path.join(".");
    found[key] = found[key] ? `${found[key]} ${text}` : text;
  };
  /** `leading`: false for a list item's map, whose leading comment names the item. */
  const walk = (node: unknown, path: string[], leading = true) => {
    if (isMap(node)) {
      node.items.forEach((pair, i) => {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = [...path, String(pair.key.value)];
        const value = pair.value as Node | null;
        // A comment above a map's first key is kept on the map, not on the key.
        add(
          key,
          i === 0 && leading ? node.commentBefore : undefined,
          pair.key.commentBefore,
          pair.key.comment,
          isScalar(value) ? value.comment : undefined,
        );
        walk(value, key);
      });
    } else if (isSeq(node)) {
      // A comment above a list's first item introduces the whole list.
      add(path, node.commentBefore);
      node.items.forEach((item, i) => {
        const name = itemName(item, i);
        if (i > 0 && isMap(item)) add([...path, name], item.commentBefore);
        if (isScalar(item)) add([...path, name], item.commentBefore, item.comment);
        if (isMap(item)) walk(item, [...path, name], false);
        else if (isSeq(item)) walk(item, [...path, name]);
      });
    }
  };
  walk(root, []);
  return found;
}

function clean(comment: string): string {
  return comment
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("yaml-language-server:"))
    .join(" ");
}

/** A list item's name in a path: its id or route, else its position. */
function itemName(item: unknown, index: number): string {
  if (isMap(item))
    for (const key of ["id", "route"]) {
      const value = item.get(key);
      if (typeof value === "string" && value !== "") return value;
    }
  return String(index);
}
