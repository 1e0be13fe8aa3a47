import type { ReplicationOutcome } from "../model/outcomes.js";
import type { KpiColumns } from "../stats/paired-differences.js";

/** Rows per block: the table grows a block at a time, so it never copies what it holds. */
const BLOCK_ROWS = 256;

/** Where each value of an outcome sits in a row. */
interface RowLayout {
  kpis: string[];
  /** Per financial year, its KPI names. */
  years: string[][];
  monthly: string[];
  months: number;
  /** Offsets in a row: the results period's KPIs, then each year's, then each monthly series. */
  yearStart: number[];
  monthlyStart: number;
  width: number;
}

/**
 * Replications' outcomes, kept as what summaries and paired comparisons read: every KPI over
 * the results period and per financial year, and every monthly value, one row of doubles per
 * replication, in blocks of rows. As objects an outcome took about 60 KB; as a row it takes
 * about 9 KB, so a run's memory barely grows with its replications. The daily series (read by
 * the warm-up check) and each year's service use (read by the costing) are not kept: they
 * are used up as each outcome arrives.
 */
export class OutcomeTable {
  private layout?: RowLayout;
  private readonly blocks: Float64Array[] = [];
  private rows = 0;

  static of(outcomes: Iterable<ReplicationOutcome>): OutcomeTable {
    const table = new OutcomeTable();
    for (const outcome of outcomes) table.add(outcome);
    return table;
  }

  /** Bytes a replication takes here (its row). */
  get bytesPerReplication(): number {
    return Float64Array.BYTES_PER_ELEMENT * (this.layout?.width ?? 0);
  }

  /** Replications held. */
  get length(): number {
    return this.rows;
  }

  add(outcome: ReplicationOutcome): void {
    this.layout ??= layoutOf(outcome);
    const layout = this.layout;
    const block = this.rows % BLOCK_ROWS;
    if (block === 0) this.blocks.push(new Float64Array(BLOCK_ROWS * layout.width));
    const values = this.blocks[this.blocks.length - 1];
    let at = block * layout.width;
    const put = (record: Record<string, number>, names: string[], what: string) => {
      const other = () =>
        new Error(`replication ${this.rows + 1} has other ${what} than the first`);
      if (Object.keys(record).length !== names.length) throw other();
      for (const name of names) {
        const value = record[name];
        if (value === undefined) throw other();
        values[at++] = value;
      }
    };
    put(outcome.kpis, layout.kpis, "KPIs");
    if (outcome.byFinancialYear.length !== layout.years.length)
      throw new Error(`replication ${this.rows + 1} has other financial years than the first`);
    outcome.byFinancialYear.forEach((year, y) => {
      put(year.kpis, layout.years[y], "yearly KPIs");
    });
    for (const name of layout.monthly) {
      const series = outcome.monthly[name];
      if (series?.length !== layout.months)
        throw new Error(`replication ${this.rows + 1} has other months than the first`);
      for (let m = 0; m < layout.months; m++) values[at++] = series[m];
    }
    this.rows++;
  }

  /** KPIs over the results period, each replication by replication. */
  kpis(): KpiColumns {
    return this.columns(this.layout?.kpis ?? [], 0);
  }

  /** KPIs of financial year `year` (counting from 0), each replication by replication. */
  yearKpis(year: number): KpiColumns {
    const layout = this.layout;
    if (!layout) return this.columns([], 0);
    return this.columns(layout.years[year], layout.yearStart[year]);
  }

  /** Names of the monthly series. */
  get monthlyNames(): readonly string[] {
    return this.layout?.monthly ?? [];
  }

  /** Month `month` of a monthly series, replication by replication. */
  monthly(name: string, month: number): Float64Array {
    const layout = this.required();
    const series = layout.monthly.indexOf(name);
    if (series < 0) throw new Error(`no monthly series ${name}`);
    return this.column(layout.monthlyStart + series * layout.months + month);
  }

  /** Replication `i`'s KPIs over the results period, by name (for files with a row per replication). */
  kpiRow(i: number): Record<string, number> {
    const layout = this.required();
    const values = this.blocks[Math.floor(i / BLOCK_ROWS)];
    const start = (i % BLOCK_ROWS) * layout.width;
    const row: Record<string, number> = {};
    layout.kpis.forEach((name, k) => {
      row[name] = values[start + k];
    });
    return row;
  }

  private columns(names: readonly string[], start: number): KpiColumns {
    const offsets = new Map(names.map((name, k) => [name, start + k]));
    return {
      names,
      length: this.rows,
      column: (name) => {
        const offset = offsets.get(name);
        return offset === undefined ? undefined : this.column(offset);
      },
    };
  }

  private column(offset: number): Float64Array {
    const { width } = this.required();
    const values = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++)
      values[i] = this.blocks[Math.floor(i / BLOCK_ROWS)][(i % BLOCK_ROWS) * width + offset];
    return values;
  }

  private required(): RowLayout {
    if (!this.layout) throw new Error("the table holds no replications");
    return this.layout;
  }
}

function layoutOf(outcome: ReplicationOutcome): RowLayout {
  const kpis = Object.keys(outcome.kpis);
  const years = outcome.byFinancialYear.map((year) => Object.keys(year.kpis));
  const monthly = Object.keys(outcome.monthly);
  const months = monthly.length > 0 ? outcome.monthly[monthly[0]].length : 0;
  const yearStart: number[] = [];
  let width = kpis.length;
  for (const names of years) {
    yearStart.push(width);
    width += names.length;
  }
  return {
    kpis,
    years,
    monthly,
    months,
    yearStart,
    monthlyStart: width,
    width: width + monthly.length * months,
  };
}
