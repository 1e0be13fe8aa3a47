/**
 * The calibration report as a ReportDocument: what was read, the warnings, length of stay
 * (observed against fitted, the AIC ranking), admissions, discharge routes, out of area, beds
 * against the peak census, the method, and the provenance. Built from calibration.json alone.
 */
import type { CalibrationFile, Estimate, RouteRow, StayGroup } from "../results/calibration.js";
import { calibrationWarnings } from "./calibration-warnings.js";
import { capitalise, formatNumber, humanise, longDate, timestampLabel } from "./charts/labels.js";
import type { RenderedChart } from "./charts/render.js";
import type { Table } from "./describe-scenario.js";
import type { Block, ReportDocument, Section } from "./report-document.js";

const paragraph = (text: string): Block => ({ kind: "paragraph", text });
const heading = (text: string): Block => ({ kind: "heading", text });
const list = (items: string[]): Block => ({ kind: "list", items });
const table = (t: Table, caption?: string, emphasise?: number[]): Block => ({
  kind: "table",
  table: t,
  caption,
  emphasise,
});

const n = (x: number) => formatNumber(x);
const d1 = (x: number | null) => (x === null ? "–" : formatNumber(x, 1));
const pct = (x: number) => `${formatNumber(x * 100, 1)}%`;
const range = (e: Estimate, f: (x: number) => string) => `${f(e.ci95[0])} to ${f(e.ci95[1])}`;
/** "+4.5%", "−0.8%", and "0.0%" for anything that rounds to nothing. */
const signedPct = (x: number) => {
  const text = formatNumber(Math.abs(x) * 100, 1);
  return /[1-9]/.test(text) ? `${x < 0 ? "−" : "+"}${text}%` : `${text}%`;
};
const name = (id: string) => capitalise(humanise(id));

/** The footer every calibration chart carries: version, extract, extract date, when. */
export function calibrationProvenance(file: CalibrationFile): string {
  const parts = [
    `bedsim ${file.version}`,
    `calibrated from ${file.extract.file}`,
    `extract date ${longDate(file.extract.extract_date)}`,
  ];
  if (file.manifest.run_at) parts.push(`run ${timestampLabel(file.manifest.run_at)}`);
  return parts.join(" · ");
}

/** The AIC table of one group of stays, the chosen family first and in bold. */
export function aicTable(group: StayGroup): Table {
  return {
    header: [
      "Distribution",
      "Parameters",
      "Log-likelihood",
      "AIC",
      "ΔAIC",
      "Akaike weight",
      "Mean stay (days)",
      "95% interval",
    ],
    numeric: [false, true, true, true, true, true, true, true],
    rows: group.fits.map((f, i) => [
      `${capitalise(f.label)}${i === 0 ? " (chosen)" : ""}`,
      n(f.parameters.length),
      d1(f.log_likelihood),
      d1(f.aic),
      d1(f.delta_aic),
      pct(f.akaike_weight),
      d1(f.mean_days),
      `${d1(f.mean_ci95[0])} to ${d1(f.mean_ci95[1])}`,
    ]),
  };
}

function staySection(file: CalibrationFile, charts: Map<string, RenderedChart>): Section {
  const blocks: Block[] = [
    paragraph(
      "The clinical length of stay runs from admission to the day the person was ready to leave (the start of a delayed discharge), or to discharge when there was no delay. People still in hospital on the extract date are counted as censored: their stay is at least as long as it has been so far. Dropping them instead would make stays look shorter than they are.",
    ),
    paragraph(
      "Each distribution is fitted by maximum likelihood. AIC (Akaike's information criterion) weighs how well each fits against how many parameters it needs; the lowest wins. ΔAIC is the difference from the best, and the Akaike weight is, loosely, the chance that each is the best of those tried. A ΔAIC above about 10 means a distribution describes the data clearly worse.",
    ),
  ];
  for (const group of file.stays) {
    blocks.push(heading(group.id === "all" ? group.label : `Cohort: ${group.label}`));
    blocks.push(
      paragraph(
        `${n(group.stays)} local stays, of which ${n(group.discharged)} had ended and ${n(group.still_in_hospital)} (${pct(group.stays > 0 ? group.still_in_hospital / group.stays : 0)}) were still running on the extract date.`,
      ),
    );
    if (group.own_fit) {
      const best = group.fits[0];
      blocks.push(
        table(
          aicTable(group),
          `The chosen distribution (in bold) goes into the model: mean stay ${d1(best.mean_days)} days, 95% interval ${d1(best.mean_ci95[0])} to ${d1(best.mean_ci95[1])}.`,
          [0],
        ),
      );
    } else
      blocks.push(
        paragraph(
          `Fewer than ${n(file.thresholds.min_stays_for_own_fit)} stays: too few for a fit of its own, so the model gives this cohort the length of stay fitted to all local spells. The chart shows that fit against this cohort's own stays.`,
        ),
      );
    const chart = charts.get(`stay-survival-${group.id}`);
    if (chart) blocks.push({ kind: "chart", chart });
  }
  return { title: "Length of stay", blocks };
}

function arrivalsSection(file: CalibrationFile, charts: Map<string, RenderedChart>): Section {
  const rows = file.arrivals.cohorts.map((c) => [
    name(c.cohort),
    n(c.admissions),
    formatNumber(c.years, 2),
    d1(c.per_year.value),
    range(c.per_year, d1),
    c.growth ? `${signedPct(c.growth.value)} (${range(c.growth, signedPct)})` : "too short to tell",
    signedPct(c.growth_in_model),
    c.seasonality
      ? `yes (χ² ${formatNumber(c.seasonality_chi2, 1)})`
      : `no (χ² ${formatNumber(c.seasonality_chi2, 1)})`,
  ]);
  const blocks: Block[] = [
    paragraph(
      "Admissions are counted without readmissions within 30 days, which the model makes itself from each discharge route's readmission share. The yearly rate is admissions over years, with a Poisson 95% interval. Growth is estimated by Poisson regression on 30-day counts and goes into the model only when its interval excludes no growth; seasonality only with two years of data, about ten admissions a month, and months that differ by more than chance (χ² above 19.7 on 11 degrees of freedom).",
    ),
    table({
      header: [
        "Cohort",
        "Admissions",
        "Years",
        "A year",
        "95% interval",
        "Growth a year (95% interval)",
        "Growth in model",
        "Seasonality",
      ],
      numeric: [false, true, true, true, true, true, true, false],
      rows,
    }),
  ];
  const chart = charts.get("arrivals-fit");
  if (chart) blocks.push({ kind: "chart", chart });
  return { title: "Admissions", blocks };
}

function routeTable(routes: RouteRow[]): Table {
  return {
    header: [
      "Route",
      "Discharges",
      "Share (95% interval)",
      "Delayed (95% interval)",
      "Mean delay, days (95% interval)",
      "Readmitted within 30 days (95% interval)",
      "Discharges with a closed 30-day window",
    ],
    numeric: [false, true, true, true, true, true, true],
    rows: routes.map((r) => [
      humanise(r.route),
      n(r.discharges),
      `${pct(r.share.value)} (${range(r.share, pct)})`,
      `${pct(r.delay_share.value)} (${range(r.delay_share, pct)})`,
      r.delay_mean_days
        ? `${d1(r.delay_mean_days.value)} (${range(r.delay_mean_days, d1)})`
        : "no delays",
      `${pct(r.readmission.value)} (${range(r.readmission, pct)})`,
      n(r.readmission_base),
    ]),
  };
}

function routesSection(file: CalibrationFile): Section {
  const total = file.routes.all.reduce((s, r) => s + r.discharges, 0);
  const blocks: Block[] = [
    paragraph(
      `Each discharge's destination is mapped to a route. Shares have Wilson 95% intervals. A readmission is the same person admitted again within 30 days of a discharge; only discharges at least 30 days before the extract date count towards it, so recent discharges do not look unreadmitted.`,
    ),
    heading(`All discharges (${n(total)}): the pathway's routes`),
    table(routeTable(file.routes.all)),
  ];
  const pooled: string[] = [];
  for (const c of file.routes.by_cohort) {
    if (c.routes) {
      blocks.push(heading(`${name(c.cohort)} (${n(c.discharges)} discharges)`));
      blocks.push(table(routeTable(c.routes)));
    } else pooled.push(`${name(c.cohort)} (${n(c.discharges)} discharges)`);
  }
  if (pooled.length > 0 && file.routes.by_cohort.length > 1)
    blocks.push(
      paragraph(
        `Fewer than ${n(file.routes.min_discharges_for_own)} discharges, so these use the pathway's routes: ${pooled.join(", ")}.`,
      ),
    );
  return { title: "Discharge routes, delays and readmissions", blocks };
}

function outOfAreaSection(file: CalibrationFile): Section {
  const o = file.out_of_area;
  const items = [
    `${n(o.admissions)} of ${n(o.spells)} admissions were out of area: ${pct(o.share.value)} (95% interval ${range(o.share, pct)}). A run of the model should show a similar share if the beds are right.`,
    o.stay_multiplier
      ? `Out-of-area stays were ${formatNumber(o.stay_multiplier.value, 2)} times as long as local ones (95% interval ${range(o.stay_multiplier, (x) => formatNumber(x, 2))}), the same distribution fitted to both.`
      : "Too few out-of-area spells to compare their length with local stays: the model assumes they are the same.",
  ];
  return { title: "Out of area", blocks: [list(items)] };
}

function wardSection(file: CalibrationFile): Section {
  return {
    title: "Beds and the most people seen on each ward",
    blocks: [
      paragraph(
        "An extract cannot know how many beds a ward has: they come from the mapping. The most people on the ward on any day of the extract is shown beside them as a check; a peak well above the beds suggests a wrong bed number or a ward code that covers more than one ward.",
      ),
      table({
        header: ["Ward", "Beds (from the mapping)", "Most on one day", "Cohorts seen on it"],
        numeric: [false, true, true, false],
        rows: file.wards.map((w) => [
          name(w.id),
          w.beds === undefined ? "not in the mapping" : n(w.beds),
          n(w.peak_census),
          w.accepts.map(humanise).join(", "),
        ]),
      }),
    ],
  };
}

function provenanceSection(file: CalibrationFile): Section {
  const facts = [`bedsim version ${file.manifest.bedsim_version}`];
  if (file.manifest.node_version) facts.push(`Node.js ${file.manifest.node_version}`);
  if (file.manifest.run_at) facts.push(`run ${timestampLabel(file.manifest.run_at)}`);
  const blocks: Block[] = [paragraph(`${facts.join("; ")}.`)];
  if (file.manifest.files.length > 0)
    blocks.push(
      paragraph(
        "Input files and their SHA-256 hashes: the same files and version give the same model.",
      ),
      table({
        header: ["File", "SHA-256"],
        rows: file.manifest.files.map((f) => [f.path, f.sha256]),
      }),
    );
  return { title: "Version and reproducibility", blocks };
}

export function calibrationDocument(
  file: CalibrationFile,
  charts: RenderedChart[],
  provenance: string,
): ReportDocument {
  const byName = new Map(charts.map((c) => [c.name, c]));
  const warnings = calibrationWarnings(file);
  const e = file.extract;
  return {
    title: `Calibration of ${file.model_file}`,
    subtitle: `From ${e.file}${e.mapping ? ` with ${e.mapping}` : ""}: ${n(e.spells)} spells admitted ${longDate(e.arrivals_from)} to ${longDate(e.extract_date)}`,
    provenance,
    sections: [
      {
        title: "What was read",
        blocks: [
          paragraph(
            `${n(e.spells)} hospital spells admitted from ${longDate(e.arrivals_from)} to the extract date, ${longDate(e.extract_date)}; ${n(e.readmissions)} of them were readmissions within 30 days. Every figure in ${file.model_file} comes from these spells, except the beds, which come from the mapping, and the costs, which an extract does not hold.`,
          ),
        ],
      },
      ...(warnings.length > 0 ? [{ title: "Warnings", blocks: [list(warnings)] }] : []),
      staySection(file, byName),
      arrivalsSection(file, byName),
      routesSection(file),
      outOfAreaSection(file),
      wardSection(file),
      provenanceSection(file),
    ],
  };
}
