// A length distribution stretched to a new mean: every parameter measured in days is
// multiplied by the same factor (shape, k and mixture weights stay as they are), so the whole
// distribution scales and its mean moves by exactly that factor. A person's draw is the same
// quantile of the stretched distribution, so a plan and its baseline stay paired.
import type { DistributionSpec } from "../../src/engine/distributions.js";

/** The parameters of a distribution that are a number of days. */
const IN_DAYS = ["mean", "sd", "scale", "min", "mode", "max", "value"] as const;

const round = (value: number) => Number(value.toFixed(4));

/**
 * The `set:` entries that stretch the distribution at `path` (e.g.
 * "pathway.discharge_routes.home.delay.length") by `factor`, one entry per parameter.
 */
export function stretchedEntries(
  path: string,
  spec: DistributionSpec,
  factor: number,
): Record<string, number | number[]> {
  const entries: Record<string, number | number[]> = {};
  const fields = spec as unknown as Record<string, unknown>;
  for (const key of IN_DAYS) {
    const value = fields[key];
    if (typeof value === "number") entries[`${path}.${key}`] = round(value * factor);
  }
  if (spec.distribution === "empirical")
    entries[`${path}.values`] = spec.values.map((v) => round(v * factor));
  if (spec.distribution === "mixture")
    spec.components.forEach((c, i) => {
      Object.assign(entries, stretchedEntries(`${path}.components.${i}.of`, c.of, factor));
    });
  return entries;
}

/** Whether the distribution can be stretched by `set:` entries (not one read from a file). */
export function stretchable(spec: DistributionSpec): boolean {
  if ("file" in spec) return false;
  return spec.distribution !== "mixture" || spec.components.every((c) => stretchable(c.of));
}
