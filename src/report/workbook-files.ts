/**
 * results.xlsx of a run, a comparison or a sweep, as bytes, with the report's provenance line
 * on its Summary sheet. Nothing here touches a file or a Node Buffer, so the explorer page
 * builds the very workbook the command line writes. The Excel writer (exceljs) is imported
 * when a workbook is made, not on every start of the command line.
 */
import type { CompareInput, RunSummaryInput, SweepInput } from "./charts/data.js";
import {
  compareProvenance,
  provenanceLine,
  runProvenance,
  sweepProvenance,
} from "./charts/labels.js";
import type { ReplicationKpis } from "./xlsx-run.js";

/** A run's workbook; `replications` (each replication's KPIs) fill its Replications sheet. */
export async function runWorkbookBytes(
  summary: RunSummaryInput,
  replications?: ReplicationKpis,
): Promise<Uint8Array> {
  const { runWorkbook } = await import("./xlsx-run.js");
  return runWorkbook(summary, provenanceLine(runProvenance(summary)), replications);
}

export async function compareWorkbookBytes(compare: CompareInput): Promise<Uint8Array> {
  const { compareWorkbook } = await import("./xlsx-compare.js");
  return compareWorkbook(compare, provenanceLine(compareProvenance(compare)));
}

export async function sweepWorkbookBytes(sweep: SweepInput): Promise<Uint8Array> {
  const { sweepWorkbook } = await import("./xlsx-sweep.js");
  return sweepWorkbook(sweep, provenanceLine(sweepProvenance(sweep)));
}
