import { KPI_DEFINITIONS } from "../model/kpi-definitions.js";
import { canDelay } from "../model/metrics.js";
import type { ModelInput } from "./schema.js";

// Ranges and targets are read in their own leaf module; re-exported for the commands.
export { parseRange, parseTarget } from "./ranges-and-targets.js";

/**
 * Every KPI a target or --minimise may name: the results, each service's cost and the
 * delayed-discharge bed-days of each discharge route that can delay.
 */
export function knownKpis(model: ModelInput): string[] {
  return [
    ...Object.keys(KPI_DEFINITIONS),
    ...model.services.map((s) => `cost.${s.id}`),
    ...new Set(
      [...model.pathway.discharge_routes, ...model.cohorts.flatMap((c) => c.discharge_routes ?? [])]
        .filter((r) => canDelay({ to: r.to, whenFull: r.when_full, delay: r.delay }))
        .map((r) => `delayed_discharge_bed_days.${r.route}`),
    ),
  ];
}
