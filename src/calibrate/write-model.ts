/**
 * A calibration written as a model file in the existing model format, every fitted figure
 * with a comment saying where it came from: rows used, period, estimate and 95% interval.
 */
import { dayToIso } from "../data/extract-dates.js";
import type { DistributionSpec } from "../engine/distributions.js";
import { type Calibration, MIN_DISCHARGES_FOR_OWN_ROUTES } from "./calibrate.js";
import type { Estimate } from "./estimates.js";
import { modelGrowth } from "./fit-arrivals.js";
import type { RouteFit } from "./fit-routes.js";
import type { StayFits } from "./fit-stays.js";
import { percentsTo100, seasonalTo12 } from "./rounding.js";

/** The id of the out-of-area service the written model sends people to when wards are full. */
export const OUT_OF_AREA_SERVICE = "out_of_area";

export interface ModelSource {
  name: string;
  extractFile: string;
  mappingFile?: string;
  version: string;
}

const n = (x: number) => Math.round(x).toLocaleString("en-GB");
const d1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const interval = (e: Estimate, f: (x: number) => string) =>
  `95% interval ${f(e.low)} to ${f(e.high)}`;
const positive = (x: number, digits = 1) => Math.max(10 ** -digits, Number(x.toFixed(digits)));

export function writeModel(c: Calibration, source: ModelSource): string {
  const out: string[] = [];
  const line = (indent: number, text: string) => out.push(`${" ".repeat(indent)}${text}`);
  const period = `admitted ${dayToIso(c.from)} to ${dayToIso(c.extractDate)}`;
  line(
    0,
    `# Calibrated by bedsim ${source.version} from ${source.extractFile}${source.mappingFile ? ` with ${source.mappingFile}` : ""}:`,
  );
  line(
    0,
    `# ${n(c.spells)} spells ${period} (the extract date); ${n(c.readmissions)} of them readmissions within 30 days.`,
  );
  line(0, "# Every fitted figure says where it came from. Costs are not in an extract: add them");
  line(0, "# under each service (see models/example-icb.yaml) before reading money from a run.");
  line(0, "");
  line(0, `name: ${JSON.stringify(source.name)}`);
  line(
    0,
    `description: Calibrated from ${JSON.stringify(source.extractFile).slice(1, -1)}, spells ${period}.`,
  );
  line(0, "");
  line(0, "pathway:");
  writeStays(out, 2, c.stays, "all local spells");
  line(2, `out_of_area: ${OUT_OF_AREA_SERVICE}`);
  line(2, "readmission_window_days: 30");
  writeRoutes(out, 2, c.routes, "discharged spells");
  line(0, "");
  line(0, "cohorts:");
  for (const cohort of c.cohorts) {
    const a = cohort.arrivals;
    line(2, `- id: ${cohort.id}`);
    line(
      4,
      `# ${n(a.admissions)} admissions over ${a.years.toFixed(2)} years, not counting readmissions within 30 days.`,
    );
    line(
      4,
      `arrivals_per_year: ${d1(a.perYear.value)} # Poisson rate (${interval(a.perYear, d1)})`,
    );
    if (a.growth) {
      const g = modelGrowth(a);
      line(
        4,
        g !== 0
          ? `growth_per_year: "${pct(g)}" # Poisson regression on 30-day counts (${interval(a.growth, pct)})`
          : `growth_per_year: "0%" # estimate ${pct(a.growth.value)} a year (${interval(a.growth, pct)}) cannot be told from no growth`,
      );
    } else
      line(4, 'growth_per_year: "0%" # under two years of arrivals: too short to estimate growth');
    if (a.seasonality)
      line(
        4,
        `seasonality: [${seasonalTo12(a.seasonality)
          .map((m) => m.toFixed(2))
          .join(
            ", ",
          )}] # admissions a day in each month over the average, January first (months differ: chi-squared ${a.seasonalityChi2.toFixed(1)} on 11 degrees of freedom)`,
      );
    else
      line(
        4,
        `# no seasonality: it needs two years, about ten admissions a month, and months that differ by more than chance (chi-squared ${a.seasonalityChi2.toFixed(1)} on 11 degrees of freedom, needs above 19.7)`,
      );
    if (cohort.stays) writeStays(out, 4, cohort.stays, "this cohort's local spells");
    else
      line(
        4,
        `# length of stay: the pathway's (only ${n(cohort.localStays)} local spells, too few for a fit of its own)`,
      );
    if (cohort.routes) writeRoutes(out, 4, cohort.routes, "discharges of this cohort");
    else if (c.cohorts.length > 1)
      line(
        4,
        `# discharge routes: the pathway's (only ${n(cohort.discharges)} discharges, under the ${n(MIN_DISCHARGES_FOR_OWN_ROUTES)} needed for routes of its own)`,
      );
  }
  line(0, "");
  line(0, "services:");
  for (const w of c.wards) {
    line(2, `- id: ${w.id}`);
    line(4, "kind: ward");
    line(
      4,
      w.beds !== undefined
        ? `beds: ${w.beds} # from the mapping; the most on this ward on any day of the extract was ${w.peakCensus}`
        : `beds: ${Math.max(1, w.peakCensus)} # NOT in the mapping: the most on this ward on any day of the extract; put the real number under beds:`,
    );
    line(4, `accepts: [${w.accepts.join(", ")}] # the cohorts found on this ward`);
  }
  line(2, `- id: ${OUT_OF_AREA_SERVICE}`);
  line(4, "name: Out-of-area beds");
  line(4, "kind: out_of_area");
  line(
    4,
    `# ${n(c.outOfArea.admissions)} of ${n(c.spells)} admissions were out of area (${pct(c.outOfArea.share.value)}, ${interval(c.outOfArea.share, pct)});`,
  );
  line(4, "# a run of this model should show a similar share if the beds above are right.");
  const m = c.outOfArea.stayMultiplier;
  if (m)
    line(
      4,
      `stay_multiplier: ${Math.min(10, positive(m.value, 2))} # mean out-of-area stay over mean local stay, same distribution fitted to both (${interval(m, (x) => x.toFixed(2))})`,
    );
  else line(4, "stay_multiplier: 1 # fewer than 10 out-of-area spells: no multiplier estimated");
  line(
    4,
    "# To bring people back when a local bed frees, list the wards: repatriate_to: [ward ids]",
  );
  return `${out.join("\n")}\n`;
}

function writeRoutes(out: string[], indent: number, routes: RouteFit[], what: string): void {
  const line = (more: number, text: string) => out.push(`${" ".repeat(indent + more)}${text}`);
  const discharges = routes.reduce((s, r) => s + r.discharges, 0);
  line(0, `# ${n(discharges)} ${what}, by the route their discharge destination maps to.`);
  line(
    0,
    '# A route that leads to a service (a crisis house, supported housing) needs "to: <service id>".',
  );
  line(0, "discharge_routes:");
  const shares = percentsTo100(routes.map((r) => r.share.value));
  routes.forEach((r, i) => {
    line(2, `- route: ${r.route}`);
    line(
      4,
      `share: "${shares[i]}" # ${n(r.discharges)} of ${n(discharges)} discharges (${interval(r.share, pct)})`,
    );
    line(
      4,
      `readmission_within_30_days: "${pct(r.readmission.value)}" # ${n(r.readmission.value * r.readmissionBase)} of ${n(r.readmissionBase)} discharges at least 30 days before the extract date (${interval(r.readmission, pct)})`,
    );
    if (r.delayMean && r.delayed > 0) {
      line(4, "delay:");
      line(
        6,
        `share: "${pct(r.delayShare.value)}" # ${n(r.delayed)} of ${n(r.discharges)} discharges had a delayed discharge (${interval(r.delayShare, pct)})`,
      );
      line(
        6,
        `length: { distribution: exponential, mean: ${positive(r.delayMean.value)} } # mean of ${n(r.delayed)} delays, days (${interval(r.delayMean, d1)})`,
      );
      line(6, `reason: ${JSON.stringify(r.delayReason ?? "awaiting care package or housing")}`);
    }
  });
}

function writeStays(out: string[], indent: number, fits: StayFits, what: string): void {
  const pad = " ".repeat(indent);
  const best = fits.ranked[0];
  out.push(
    `${pad}# Clinical length of stay (admission to ready for discharge) from ${what}: ${n(fits.stays)} stays,`,
    `${pad}# ${n(fits.open)} still in hospital on the extract date (censored, not dropped). Fitted by maximum`,
    `${pad}# likelihood and ranked by AIC (difference from the best; Akaike weight):`,
    ...fits.ranked.map(
      (f) =>
        `${pad}#   ${f.label}: ${(f.aic - best.aic).toFixed(1)} (${pct(f.akaikeWeight)}), mean ${d1(f.mean)} days`,
    ),
    `${pad}# Best: ${best.label}, mean stay ${d1(best.mean)} days (95% interval ${d1(best.meanInterval[0])} to ${d1(best.meanInterval[1])}).`,
    `${pad}length_of_stay:${best.spec.distribution === "mixture" ? "" : " "}${specText(best.spec, indent)}`,
  );
}

function specText(spec: DistributionSpec, indent: number): string {
  switch (spec.distribution) {
    case "exponential":
      return `{ distribution: exponential, mean: ${positive(spec.mean)} }`;
    case "lognormal":
    case "gamma":
      return `{ distribution: ${spec.distribution}, mean: ${positive(spec.mean)}, sd: ${positive(spec.sd)} }`;
    case "weibull":
      return `{ distribution: weibull, shape: ${positive(spec.shape, 3)}, scale: ${positive(spec.scale)} }`;
    case "mixture": {
      const pad = " ".repeat(indent + 2);
      // Each part keeps at least 0.1%, so the written weights stay valid and add to 100%.
      const weights = percentsTo100(
        spec.components.map((p) => Math.min(0.999, Math.max(0.001, p.weight))),
      );
      return [
        "",
        `${pad}distribution: mixture`,
        `${pad}components:`,
        ...spec.components.map(
          (p, i) =>
            `${pad}  - weight: "${weights[i]}"\n${pad}    of: ${specText(p.of, indent + 4)}`,
        ),
      ].join("\n");
    }
    default:
      throw new Error(`calibration never fits a ${spec.distribution} distribution`);
  }
}
