// The `sweep:` section of a scenario: which file's section applies, and its vary paths and
// KPIs checked against the model.

import { changeSettingProblem } from "./change-overrides.js";
import { type Problem, plain, quote } from "./input-error.js";
import { setPath, settingSegments, UNSAFE_SEGMENTS } from "./overrides.js";
import { parseTarget, targetTexts } from "./ranges-and-targets.js";
import type { SweepSection } from "./scenario-types.js";
import {
  type ChangeInput,
  type ModelInput,
  model as modelSchema,
  run as runSchema,
  type SweepInput,
} from "./schema.js";
import { keysAt } from "./schema-problems.js";
import { closest } from "./suggest.js";
import type { YamlSource } from "./yaml-source.js";

/** The `sweep:` section of the nearest file (last of `layers`) that has one. */
export function sweepSection(
  layers: readonly { source: YamlSource; data: { sweep?: SweepInput } }[],
): SweepSection | undefined {
  const layer = [...layers].reverse().find((l) => l.data.sweep !== undefined);
  if (!layer?.data.sweep) return undefined;
  const { source } = layer;
  return {
    spec: layer.data.sweep,
    locate: (p, message, key) => source.problem(["sweep", ...p], message, key),
  };
}

/**
 * The vary paths and the target or KPI to minimise of a `sweep:` section, checked against the
 * model now, so that `validate` finds a misspelt path and `sweep` does not start without it.
 */
export function sweepProblems(
  sweep: SweepSection,
  model: ModelInput,
  changes: readonly ChangeInput[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(sweep.spec.vary)) {
    const problem = settingProblem(model, key, changes);
    if (problem)
      problems.push(sweep.locate(["vary", key], `sweep → vary → ${plain(key)}: ${problem}`, true));
  }
  return problems;
}

/**
 * The target or KPI to minimise of a `sweep:` section, checked against `reported`: the KPIs a
 * run of the scenario reports (see `reportedKpiNames`), so it names nothing a run lacks.
 */
export function sweepKpiProblems(sweep: SweepSection, reported: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const listed = Array.isArray(sweep.spec.target);
  targetTexts(sweep.spec.target).forEach((text, i) => {
    const target = parseTarget(text);
    if (typeof target === "string") return;
    const problem = kpiProblem(reported, target.kpi);
    if (problem)
      problems.push(
        sweep.locate(listed ? ["target", i] : ["target"], `sweep → target: ${problem}`),
      );
  });
  if (sweep.spec.minimise !== undefined) {
    const problem = kpiProblem(reported, sweep.spec.minimise);
    if (problem) problems.push(sweep.locate(["minimise"], `sweep → minimise: ${problem}`));
  }
  return problems;
}

/** What is wrong with a KPI name (in a target or minimise), if anything. */
export function kpiProblem(known: readonly string[], kpi: string): string | undefined {
  if (known.includes(kpi)) return undefined;
  const guess = closest(kpi, known);
  return `${quote(kpi)} is not a KPI${guess ? `; did you mean "${guess}"?` : `; choose one of ${known.filter((k) => !k.includes(".")).join(", ")}`}`;
}

const RUN_KEYS = Object.keys(runSchema.shape);

/**
 * What is wrong with a setting's path (a sweep's vary path or a --vary option), if anything:
 * every part must exist in the model, or be one of the run settings.
 */
export function settingProblem(
  model: ModelInput,
  key: string,
  changes: readonly ChangeInput[] = [],
): string | undefined {
  const segments = settingSegments(key);
  const bad = segments.find((segment) => segment.trim() === "" || UNSAFE_SEGMENTS.has(segment));
  if (bad !== undefined)
    return bad.trim() === ""
      ? "a part of this path is empty; write it like services.oakwood_ward.beds"
      : `${quote(bad)} cannot be part of a path; name a setting like services.oakwood_ward.beds or run.replications`;
  if (segments[0] === "run") {
    if (segments.length === 2 && RUN_KEYS.includes(segments[1])) return undefined;
    const guess = segments.length === 2 ? closest(segments[1], RUN_KEYS) : undefined;
    return `there is no run setting ${quote(segments.slice(1).join("."))}; ${guess ? `did you mean "run.${guess}"?` : `choose one of ${RUN_KEYS.map((k) => `run.${k}`).join(", ")}`}`;
  }
  if (segments[0] === "changes") return changeSettingProblem(changes, segments);
  const copy = structuredClone(model) as unknown as Record<string, unknown>;
  const resolved = setPath(copy, segments, 0);
  if (typeof resolved === "string") return resolved;
  // setPath sets the last key whatever it is; it must be one the model may have.
  const last = resolved[resolved.length - 1];
  if (typeof last === "number") return undefined;
  const parent = resolved.slice(0, -1);
  const allowed = keysAt(modelSchema, parent);
  if (allowed.length === 0 || allowed.includes(last)) return undefined;
  const guess = closest(last, allowed);
  const where = plain(segments.slice(0, -1).join(".")) || "the model";
  return `there is no ${quote(last)} in ${where}; ${guess ? `did you mean "${guess}"?` : `choose one of ${allowed.join(", ")}`}`;
}
