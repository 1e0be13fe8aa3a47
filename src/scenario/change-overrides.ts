// Overrides of dated changes: `--set`, `set:` and sweep values with paths like
// "changes.close_men_beds.close_beds" or "changes[0].reinvest.share", applied to the merged
// list of changes (a change is named by its `name:`, or counted from 0 in the order written).
import { InputError, type Problem, plain, quote } from "./input-error.js";
import type { OverrideLocator } from "./model-checks.js";
import { type BlamedProblems, type Override, onePerOverride, setPath } from "./overrides.js";
import type { LocatedChange } from "./scenario-types.js";
import { type ChangeInput, change as changeSchema } from "./schema.js";
import { keysAt, schemaProblems } from "./schema-problems.js";
import { closest } from "./suggest.js";
import type { DataPath } from "./yaml-source.js";

export function overrideChanges(
  changes: LocatedChange[],
  overrides: Override[],
  blame: (o: Override) => OverrideLocator,
  blamed: BlamedProblems,
): LocatedChange[] {
  if (overrides.length === 0) return changes;
  const data = { changes: changes.map((c) => structuredClone(c.change) as unknown) };
  // Which override set which part of which change, to report problems there.
  const setBy: { index: number; path: DataPath; override: Override }[] = [];
  const problems: Problem[] = [];
  for (const o of overrides) {
    const fail = (message: string) => problems.push(blame(o)(message));
    if (changes.length === 0) {
      fail(
        "this scenario has no dated changes to set; add a changes: list to the scenario, or name a model setting such as services.oakwood_ward.beds",
      );
      continue;
    }
    if (o.path.length < 3) {
      fail(
        `name a change and one of its settings, e.g. changes.${changeName(changes, 0)}.close_beds or changes[0].reinvest.share`,
      );
      continue;
    }
    const problem = changeSettingProblem(
      changes.map((c) => c.change),
      o.path,
    );
    if (problem) {
      fail(problem);
      continue;
    }
    const resolved = setPath(data, o.path, o.value) as DataPath;
    setBy.push({ index: Number(resolved[1]), path: resolved.slice(2), override: o });
  }
  if (problems.length > 0) throw new InputError(problems);

  const result = changes.map((located, index) => {
    const overriding = setBy.filter((s) => s.index === index);
    if (overriding.length === 0) return located;
    const startsWith = (p: DataPath, prefix: DataPath) =>
      prefix.length <= p.length && prefix.every((s, j) => String(p[j]) === String(s));
    // A problem inside an overridden value belongs to the (last) override that set it.
    const locate = (p: DataPath, message: string, key?: boolean) => {
      const set = [...overriding].reverse().find((s) => startsWith(p, s.path));
      return set ? blame(set.override)(message) : located.locate(p, message, key);
    };
    const parsed = changeSchema.safeParse(data.changes[index]);
    if (!parsed.success) {
      const last = overriding[overriding.length - 1].override;
      problems.push(
        ...schemaProblems(changeSchema, data.changes[index], parsed.error.issues, (p, m, k) =>
          overriding.some((s) => startsWith(p, s.path)) ? locate(p, m, k) : blame(last)(m),
        ),
      );
      return located;
    }
    return { change: parsed.data, locate };
  });
  if (problems.length > 0) throw new InputError(onePerOverride(blamed, problems));
  return result;
}

/**
 * What is wrong with a path into the dated changes ("changes.close_men_beds.close_beds"), if
 * anything: the change must exist (by name or number) and the setting be one a change has.
 */
export function changeSettingProblem(
  changes: readonly ChangeInput[],
  segments: string[],
): string | undefined {
  if (changes.length === 0)
    return "this scenario has no dated changes; add a changes: list to the scenario, or name a model setting such as services.oakwood_ward.beds";
  if (segments.length < 3)
    return `name a change and one of its settings, e.g. changes.${changeName(changes.map((c) => ({ change: c })) as LocatedChange[], 0)}.close_beds or changes[0].reinvest.share`;
  const which = segments[1];
  const names = changes.map((c) => c.name).filter((n): n is string => n !== undefined);
  const index = changes.findIndex((c) => c.name === which);
  const at = index >= 0 ? index : /^\d+$/.test(which) ? Number(which) : -1;
  if (at < 0 || at >= changes.length) {
    const guess = closest(which, names);
    const numbered = `changes are numbered from 0 to ${changes.length - 1} in the order written`;
    return guess
      ? `there is no change ${quote(which)}; did you mean "${guess}"?`
      : `there is no change ${quote(which)}; ${names.length > 0 ? `name one of ${names.map(plain).join(", ")}, or ` : "give changes a name: to refer to them by name; "}${numbered}`;
  }
  const copy = { changes: structuredClone(changes) as unknown[] };
  const resolved = setPath(copy, ["changes", String(at), ...segments.slice(2)], 0);
  if (typeof resolved === "string") return resolved;
  const last = resolved[resolved.length - 1];
  if (typeof last === "number") return undefined;
  const allowed = keysAt(changeSchema, resolved.slice(2, -1));
  if (allowed.length === 0 || allowed.includes(last)) return undefined;
  const guess = closest(last, allowed);
  return `a change has no setting ${quote(last)}; ${guess ? `did you mean "${guess}"?` : `choose one of ${allowed.join(", ")}`}`;
}

function changeName(changes: LocatedChange[], i: number): string {
  return changes[i]?.change.name ?? String(i);
}
