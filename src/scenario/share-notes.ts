import { formatProblem } from "./input-error.js";
import type { DataPath, YamlSource } from "./yaml-source.js";

/** Keys whose values are shares of people (0% to 100%), where a plain 1 means 100%. */
const SHARE_KEYS = new Set([
  "share",
  "weight",
  "crisis_team_support_at_home",
  "crisis_house_instead_of_admission",
  "readmission_within_30_days",
  "picu_share",
]);

/**
 * A share written as the plain number 1 is read as a fraction, 100%, which is right for a
 * single route but wrong for someone who meant 1%. Said once per run, at the first such share,
 * since a model may rightly have several.
 */
export function shareOfOneNote(sources: readonly YamlSource[]): string | undefined {
  for (const source of sources) {
    const path = firstShareOfOne(source.data, []);
    if (path)
      return formatProblem(
        source.problem(
          path,
          `${String(path[path.length - 1])}: 1 is read as 100% (shares are fractions or percentages); if you meant one per cent, write "1%" (this note is given once)`,
        ),
      );
  }
  return undefined;
}

function firstShareOfOne(value: unknown, path: DataPath): DataPath | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstShareOfOne(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (SHARE_KEYS.has(key) && inner === 1) return [...path, key];
      const found = firstShareOfOne(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
