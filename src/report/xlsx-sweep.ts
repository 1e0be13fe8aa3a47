/**
 * results.xlsx of a sweep or right-size search: the Grid (one row per value tried, every
 * KPI's mean and 95% interval, whether it meets the target) and the Method.
 */
import { kpiDefinition } from "../model/kpi-definitions.js";
import type { SweepInput } from "./charts/data.js";
import { capitalise, parameterLabel } from "./charts/labels.js";
import { meetsTarget, sweepHighlight } from "./charts/sweep.js";
import { displayUnit } from "./format.js";
import { orderedKpis } from "./run-table.js";
import { stressDesChecklist } from "./stress-des.js";
import { sweepChecklistFacts, sweepContext } from "./stress-des-section.js";
import { methodSheet } from "./xlsx-run.js";
import { addSheet, kpiFormat, newWorkbook, workbookBytes } from "./xlsx-sheets.js";

export async function sweepWorkbook(sweep: SweepInput, provenance: string): Promise<Uint8Array> {
  const runAt = sweep.manifest?.run_at ?? sweep.run_at;
  const workbook = newWorkbook(runAt);
  const kpis = orderedKpis(Object.keys(sweep.points[0]?.kpis ?? {}));
  const answer = sweepHighlight(sweep);
  const grid = addSheet(
    workbook,
    "Grid",
    [
      ...sweep.parameters.map((p) => ({
        header: capitalise(parameterLabel(p, sweep.names)),
        width: 18,
      })),
      ...(sweep.target ? [{ header: "Meets target", width: 12 }] : []),
      ...kpis.flatMap((k) => [
        { header: `${kpiDefinition(k).label} (${displayUnit(k)})`, width: 18 },
        { header: "95% CI low", width: 13 },
        { header: "95% CI high", width: 13 },
      ]),
    ],
    sweep.target ? "Every value tried, and whether it meets the target" : "Every value tried",
    provenance,
  );
  const points = [...sweep.points].sort((a, b) => {
    for (const p of sweep.parameters)
      if (a.values[p] !== b.values[p]) return a.values[p] - b.values[p];
    return 0;
  });
  for (const point of points) {
    const values = kpis.flatMap((k) => {
      const v = point.kpis[k];
      return v ? [v.mean, v.ci95[0], v.ci95[1]] : [undefined, undefined, undefined];
    });
    const isAnswer =
      answer !== undefined && sweep.parameters.every((p) => answer.values[p] === point.values[p]);
    const row = grid.row(
      [
        ...sweep.parameters.map((p) => point.values[p]),
        ...(sweep.target
          ? [`${meetsTarget(sweep, point) ? "yes" : "no"}${isAnswer ? " (answer)" : ""}`]
          : []),
        ...values,
      ],
      [
        ...sweep.parameters.map(() => undefined),
        ...(sweep.target ? [undefined] : []),
        ...kpis.flatMap((k) => {
          const f = kpiFormat(k, point.kpis[k]?.mean);
          return [f, f, f];
        }),
      ],
    );
    if (isAnswer) row.font = { bold: true };
  }
  const tried = sweep.parameters.map((p) => `${capitalise(parameterLabel(p, sweep.names))} (${p})`);
  methodSheet(
    workbook,
    stressDesChecklist(sweepChecklistFacts(sweep), sweepContext(sweep, tried)),
    [
      ["Scenario", sweep.scenario.name],
      ["Scenario file", sweep.scenario.file ?? ""],
      ["Settings varied", sweep.parameters.join(", ")],
      ["Replications at each value", sweep.replications],
      ["Seed", sweep.seed],
      ["bedsim version", sweep.manifest?.bedsim_version ?? sweep.version],
    ],
    sweep.manifest,
  );
  return workbookBytes(workbook, runAt);
}
