import type { ChartConfiguration } from "chart.js";
import type { StayGroup } from "../../results/calibration.js";
import { capitalise, formatNumber } from "./labels.js";
import { INK, seriesColour } from "./palette.js";
import { axis, bandDatasets, baseOptions, type ChartSpec, lineDataset } from "./render.js";

/** Dash patterns for the fitted families after the chosen one, so greyscale print tells them apart. */
const DASHES = [
  [16, 8],
  [4, 6],
  [18, 6, 4, 6],
  [2, 4],
];

type Point = { x: number; y: number };

/**
 * Observed length of stay (the Kaplan-Meier curve, a step line with its 95% band) against each
 * fitted family's survival curve: the share of people still in hospital so many days after
 * admission. The chosen family is drawn solid and thick, the others dashed.
 */
export function staySurvivalChart(group: StayGroup): ChartSpec {
  const end = group.fitted.days[group.fitted.days.length - 1] ?? 0;
  const steps = (values: number[]): Point[] => {
    const points: Point[] = [{ x: 0, y: 100 }];
    group.observed.days.forEach((d, i) => {
      if (d <= end) points.push({ x: d, y: values[i] * 100 });
    });
    // Hold the last level to the edge of the chart.
    points.push({ x: end, y: points[points.length - 1].y });
    return points;
  };
  const title = `Length of stay: ${group.label}`;
  const chosen = group.fits[0];
  const own = group.own_fit
    ? ""
    : ` Too few stays for a fit of its own: the curves are the fit to all local spells.`;
  return {
    name: `stay-survival-${group.id}`,
    title,
    caption: `The stepped black line is the share of ${formatNumber(group.stays)} local stays still in hospital after each number of days, estimated by Kaplan–Meier so that the ${formatNumber(group.still_in_hospital)} people still in hospital on the extract date count for the days they have stayed; the grey band is its 95% interval. Each coloured line is a fitted distribution; the solid one (${chosen?.label}) is the one the model uses.${own}`,
    config: (): ChartConfiguration => ({
      type: "line",
      data: {
        datasets: [
          ...bandDatasets(
            "Observed, 95% interval",
            steps(group.observed.low) as unknown as number[],
            steps(group.observed.high) as unknown as number[],
            INK.muted,
            { stepped: "before" },
          ),
          lineDataset(
            `Observed (Kaplan–Meier)`,
            steps(group.observed.share) as unknown as number[],
            INK.text,
            { stepped: "before", borderWidth: 4 },
          ),
          ...group.fits.map((fit, i) =>
            lineDataset(
              `${capitalise(fit.label)}${i === 0 ? " (chosen)" : ""}`,
              group.fitted.days.map((x, k) => ({
                x,
                y: (group.fitted.share[fit.family]?.[k] ?? Number.NaN) * 100,
              })) as unknown as number[],
              seriesColour(i),
              i === 0 ? { borderWidth: 6 } : { borderWidth: 3, borderDash: DASHES[(i - 1) % 4] },
            ),
          ),
        ],
      },
      options: {
        ...baseOptions(
          title,
          `${formatNumber(group.stays)} stays, ${formatNumber(group.still_in_hospital)} still in hospital on the extract date`,
          { position: "top" },
        ),
        scales: {
          x: axis("Days since admission", { type: "linear", min: 0, max: end }),
          y: axis("Share still in hospital (%)", {
            min: 0,
            max: 100,
            ticks: { callback: (v: number | string) => `${v}%` },
          }),
        },
      },
    }),
  };
}
