import { selectQuantiles } from "../stats/select-quantiles.js";
import { DAYS_PER_YEAR } from "./calendar.js";
import { type PathwayKpi, partKpi } from "./kpi-definitions.js";
import { delayableRouteNames } from "./metrics.js";
import type { Pathway } from "./pathway.js";
import {
  appliesTo,
  COHORT_FAMILIES,
  DESTINATION_FAMILIES,
  LOCAL_SERVICE_FAMILIES,
  reportedServiceGroups,
  WARD_FAMILIES,
} from "./reported-kpis.js";
import { SERVICE_KINDS } from "./service-kinds.js";
import type { ReplicationOutput } from "./simulation.js";
import type { CompletedStays } from "./stay-log.js";

/** Per financial year, per service: what the money model needs. */
export interface ServiceYear {
  openBedDays: number;
  occupiedBedDays: number;
  entries: number;
}

/** One replication boiled down: KPIs for the results period, monthly and yearly series. */
export interface ReplicationOutcome {
  kpis: Record<string, number>;
  /** Series name → one value per results month. */
  monthly: Record<string, number[]>;
  /** Per financial year: KPIs that make sense by year, and service use for costing. */
  byFinancialYear: { kpis: Record<string, number>; services: Record<string, ServiceYear> }[];
  /**
   * Acute local occupancy (fraction) for every simulated day, warm-up included. A Float64Array
   * when made here: passing an outcome between threads copies it as one block, where a plain
   * array of thousands of numbers cost most of an outcome's transfer time.
   */
  dailyOccupancy: ArrayLike<number>;
  /**
   * People in every other service (crisis houses, community services, rehabilitation, out of
   * area) for every simulated day: long stays fill these slowly, so the warm-up check needs
   * them as well as acute occupancy.
   */
  dailyOtherOccupied: ArrayLike<number>;
  events: number;
}

export function summariseReplication(pathway: Pathway, out: ReplicationOutput): ReplicationOutcome {
  const { layout, calendar, recorder } = out;
  const warm = calendar.warmUpDays;
  const days = calendar.days;
  const total = warm + days;
  const wards = indicesOf(pathway, (s) => SERVICE_KINDS[s.kind].role === "acute");
  const acuteOutOfArea = pathway.services.findIndex((s) => s.id === pathway.acuteOutOfArea);
  const otherOutOfArea = indicesOf(
    pathway,
    (s) =>
      SERVICE_KINDS[s.kind].role === "out_of_area" &&
      s.id !== pathway.acuteOutOfArea &&
      s.id !== pathway.picu?.outOfArea,
  );
  const picus = indicesOf(pathway, (s) => SERVICE_KINDS[s.kind].role === "intensive_care");
  const picuOutOfArea = pathway.services.findIndex((s) => s.id === pathway.picu?.outOfArea);
  const crisisHouses = indicesOf(pathway, (s) => SERVICE_KINDS[s.kind].role === "crisis_house");

  const level = (metric: number) => recorder.levelDays[metric];
  const occupiedOf = (services: number[]) => services.map((i) => layout.occupied[i]);
  const capacityOf = (services: number[]) =>
    services.map((i) => layout.capacity[i]).filter((m) => m >= 0);
  const delayedMetrics = [...layout.delayed.values()];
  const delayable = delayableRouteNames(pathway);
  const groups = reportedServiceGroups(pathway);
  // Local acute beds occupied and open on each day, summed across wards once: every KPI,
  // month and year below reads these rather than re-adding the wards day by day.
  const wardOccupied = sumDaily(recorder.levelDays, occupiedOf(wards), total);
  const wardOpen = sumDaily(recorder.levelDays, capacityOf(wards), total);

  const dailyOtherOccupied = sumDaily(
    recorder.levelDays,
    occupiedOf(indicesOf(pathway, (s) => SERVICE_KINDS[s.kind].role !== "acute")),
    total,
  );
  // Beds close only as they empty, so occupied never exceeds open: a day with no open beds has
  // no one in them either, and its occupancy is 0.
  const dailyOccupancy = new Float64Array(total);
  for (let d = 0; d < total; d++) {
    const open = wardOpen[d];
    dailyOccupancy[d] = open > 0 ? wardOccupied[d] / open : 0;
  }

  /**
   * KPIs over results days [from, to). Counts and bed-days are multiplied by `perYear`:
   * annualised for the whole period, plain totals (1) for a financial-year row.
   */
  const kpisOver = (from: number, to: number, perYear: number): Record<string, number> => {
    let occupied = 0;
    let open = 0;
    let peak = 0;
    let above85 = 0;
    let above95 = 0;
    let full = 0;
    const count = (name: keyof typeof layout.counts) =>
      sumRange(recorder.counts[layout.counts[name]], warm + from, warm + to);
    const levelSum = (metrics: number[]) =>
      metrics.reduce((a, m) => a + sumRange(level(m), warm + from, warm + to), 0);
    for (let d = warm + from; d < warm + to; d++) {
      occupied += wardOccupied[d];
      open += wardOpen[d];
      const occ = dailyOccupancy[d];
      peak = Math.max(peak, occ);
      if (occ > 0.85) above85++;
      if (occ > 0.95) above95++;
      if (occ >= FULL) full++;
    }
    const admissions = count("admissions");
    const waited = count("waited");
    const oapBedDays = levelSum([layout.occupied[acuteOutOfArea]]);
    const stays = stayKpis(out.stays, from, to, pathway.cohorts.length);
    const pathwayKpis: Record<PathwayKpi, number> = {
      arrivals: count("arrivals") * perYear,
      crisis_team_supported: count("crisis_team_supported") * perYear,
      admissions: admissions * perYear,
      local_admissions: count("local_admissions") * perYear,
      oap_admissions: count("oap_admissions") * perYear,
      oap_share: admissions > 0 ? count("oap_admissions") / admissions : 0,
      oap_bed_days: oapBedDays * perYear,
      mean_oap_occupied: oapBedDays / (to - from),
      ...stays.all,
      mean_local_occupancy: open > 0 ? occupied / open : 0,
      peak_local_occupancy: peak,
      mean_local_occupied: occupied / (to - from),
      mean_open_beds: open / (to - from),
      days_above_85pct: above85 * perYear,
      days_above_95pct: above95 * perYear,
      days_full: full * perYear,
      waited_for_bed: waited * perYear,
      mean_wait_days: waited > 0 ? count("waiting_days") / waited : 0,
      mean_waiting: levelSum([layout.waiting]) / (to - from),
      delayed_discharge_bed_days: levelSum(delayedMetrics) * perYear,
      crisis_house_admissions: count("crisis_house_admissions") * perYear,
      crisis_house_step_downs: count("crisis_house_step_downs") * perYear,
      crisis_house_turned_away: count("crisis_house_turned_away") * perYear,
      mean_crisis_house_occupied: levelSum(occupiedOf(crisisHouses)) / (to - from),
      readmissions_30d: count("readmissions_30d") * perYear,
      repatriations: count("repatriations") * perYear,
      rehab_oap_bed_days: levelSum(occupiedOf(otherOutOfArea)) * perYear,
      picu_admissions: count("picu_admissions") * perYear,
      picu_oap_admissions: count("picu_oap_admissions") * perYear,
      picu_oap_bed_days:
        picuOutOfArea >= 0 ? levelSum([layout.occupied[picuOutOfArea]]) * perYear : 0,
      mean_picu_occupied: levelSum(occupiedOf(picus)) / (to - from),
      picu_step_down_delay_bed_days: levelSum([layout.picuStepDownWaiting]) * perYear,
    };
    // Only KPIs that mean something for this pathway (no PICU figures without a PICU), copied
    // into a new object rather than deleted, which would slow every later use of it.
    const k: Record<string, number> = {};
    for (const name of Object.keys(pathwayKpis) as PathwayKpi[])
      if (appliesTo(name, pathway)) k[name] = pathwayKpis[name];
    for (const [route, metric] of layout.delayed) {
      if (!delayable.has(route)) continue;
      k[partKpi("delayed_discharge_bed_days", route)] = levelSum([metric]) * perYear;
    }
    const cohortKpis = COHORT_FAMILIES satisfies readonly (keyof CohortKpis)[];
    pathway.cohorts.forEach((c, i) => {
      const values: CohortKpis = {
        admissions:
          sumRange(recorder.counts[layout.cohortAdmissions[i]], warm + from, warm + to) * perYear,
        oap_admissions:
          sumRange(recorder.counts[layout.cohortOapAdmissions[i]], warm + from, warm + to) *
          perYear,
        oap_bed_days: levelSum([layout.cohortOutOfArea[i]]) * perYear,
        ...stays.byCohort[i],
      };
      for (const family of cohortKpis) k[partKpi(family, c.id)] = values[family];
    });
    for (const i of groups.local) {
      const occupiedDays = levelSum([layout.occupied[i]]);
      const openDays = levelSum([layout.capacity[i]]);
      const values: Record<(typeof LOCAL_SERVICE_FAMILIES)[number], number> = {
        occupied: occupiedDays / (to - from),
        occupancy: openDays > 0 ? occupiedDays / openDays : 0,
        entries: sumRange(recorder.counts[layout.entries[i]], warm + from, warm + to) * perYear,
      };
      for (const family of LOCAL_SERVICE_FAMILIES)
        k[partKpi(family, pathway.services[i].id)] = values[family];
    }
    for (const i of groups.wards) {
      const occupiedDaily = level(layout.occupied[i]);
      const openDaily = level(layout.capacity[i]);
      let wardAbove85 = 0;
      let wardAbove95 = 0;
      let wardFull = 0;
      for (let d = warm + from; d < warm + to; d++) {
        const occ = openDaily[d] > 0 ? occupiedDaily[d] / openDaily[d] : 0;
        if (occ > 0.85) wardAbove85++;
        if (occ > 0.95) wardAbove95++;
        if (occ >= FULL) wardFull++;
      }
      const values: Record<(typeof WARD_FAMILIES)[number], number> = {
        days_above_85pct: wardAbove85 * perYear,
        days_above_95pct: wardAbove95 * perYear,
        days_full: wardFull * perYear,
        ward_delayed_discharge_bed_days: levelSum([layout.delayedIn[i]]) * perYear,
      };
      for (const family of WARD_FAMILIES)
        k[partKpi(family, pathway.services[i].id)] = values[family];
    }
    for (const i of groups.destinations) {
      const waitingDays = levelSum([layout.waitingFor[i]]);
      const values: Record<(typeof DESTINATION_FAMILIES)[number], number> = {
        waiting_for_place: waitingDays / (to - from),
        waiting_for_place_days: waitingDays * perYear,
      };
      for (const family of DESTINATION_FAMILIES)
        k[partKpi(family, pathway.services[i].id)] = values[family];
    }
    return k;
  };

  // Months and financial years as day ranges of the results period.
  const monthStarts: number[] = [];
  for (let d = 0; d < days; d++)
    if (d === 0 || calendar.monthIndex[d] !== calendar.monthIndex[d - 1]) monthStarts.push(d);
  monthStarts.push(days);
  const monthly: Record<string, number[]> = {
    local_occupancy: [],
    open_beds: [],
    local_occupied: [],
    oap_occupied: [],
    delayed_discharges: [],
    waiting: [],
  };
  for (let m = 0; m + 1 < monthStarts.length; m++) {
    const from = warm + monthStarts[m];
    const to = warm + monthStarts[m + 1];
    const span = to - from;
    let occ = 0;
    let open = 0;
    for (let d = from; d < to; d++) {
      occ += wardOccupied[d];
      open += wardOpen[d];
    }
    const levelMean = (metrics: number[]) =>
      metrics.reduce((a, x) => a + sumRange(level(x), from, to), 0) / span;
    monthly.local_occupancy.push(open > 0 ? occ / open : 0);
    monthly.open_beds.push(open / span);
    monthly.local_occupied.push(occ / span);
    monthly.oap_occupied.push(levelMean([layout.occupied[acuteOutOfArea]]));
    monthly.delayed_discharges.push(levelMean(delayedMetrics));
    monthly.waiting.push(levelMean([layout.waiting]));
  }

  const byFinancialYear = calendar.financialYears.map((_, fy) => {
    const months = calendar.financialYearOfMonth
      .map((f, m) => (f === fy ? m : -1))
      .filter((m) => m >= 0);
    const from = monthStarts[months[0]];
    const to = monthStarts[months[months.length - 1] + 1];
    const services: Record<string, ServiceYear> = {};
    pathway.services.forEach((s, i) => {
      services[s.id] = {
        openBedDays:
          layout.capacity[i] >= 0 ? sumRange(level(layout.capacity[i]), warm + from, warm + to) : 0,
        occupiedBedDays: sumRange(level(layout.occupied[i]), warm + from, warm + to),
        entries: sumRange(recorder.counts[layout.entries[i]], warm + from, warm + to),
      };
    });
    return { kpis: kpisOver(from, to, 1), services };
  });

  return {
    kpis: kpisOver(0, days, DAYS_PER_YEAR / days),
    monthly,
    byFinancialYear,
    dailyOccupancy,
    dailyOtherOccupied,
    events: out.events,
  };
}

/** A day at least this occupied had every open bed full all day (allowing for rounding). */
const FULL = 1 - 1e-9;

function indicesOf(pathway: Pathway, test: (s: Pathway["services"][number]) => boolean): number[] {
  return pathway.services.map((s, i) => (test(s) ? i : -1)).filter((i) => i >= 0);
}

/** Day by day, the sum of several daily series (in the order given). */
function sumDaily(series: Float64Array[], metrics: number[], days: number): Float64Array {
  const total = new Float64Array(days);
  for (const m of metrics) {
    const values = series[m];
    for (let d = 0; d < days; d++) total[d] += values[d];
  }
  return total;
}

function sumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum;
}

type StayKpi = "mean_length_of_stay" | "median_length_of_stay" | "p90_length_of_stay";
type CohortKpis = Record<"admissions" | "oap_admissions" | "oap_bed_days" | StayKpi, number>;

/**
 * Realised length of stay of the acute stays that ended in results days [from, to), of all
 * cohorts and of each; 0 when none did, as for other averages over nobody.
 */
function stayKpis(
  stays: CompletedStays,
  from: number,
  to: number,
  cohorts: number,
): { all: Record<StayKpi, number>; byCohort: Record<StayKpi, number>[] } {
  // Stays are logged as they end, so those ending in the period are one run of the log.
  const first = firstAtOrAfter(stays.endedAt, from);
  const last = firstAtOrAfter(stays.endedAt, to);
  // Each cohort's stays side by side (a counting sort by cohort), in the order they ended.
  const starts = new Int32Array(cohorts + 1);
  for (let i = first; i < last; i++) starts[stays.cohort[i] + 1]++;
  for (let c = 0; c < cohorts; c++) starts[c + 1] += starts[c];
  const grouped = new Float64Array(last - first);
  const next = starts.slice(0, cohorts);
  for (let i = first; i < last; i++) grouped[next[stays.cohort[i]]++] = stays.days[i];
  return {
    all: lengthKpis(stays.days.slice(first, last)),
    byCohort: Array.from({ length: cohorts }, (_, c) =>
      lengthKpis(grouped.subarray(starts[c], starts[c + 1])),
    ),
  };
}

/** Mean, median and 90th percentile of some stay lengths (reordered in place). */
function lengthKpis(lengths: Float64Array): Record<StayKpi, number> {
  if (lengths.length === 0)
    return { mean_length_of_stay: 0, median_length_of_stay: 0, p90_length_of_stay: 0 };
  let sum = 0;
  for (let i = 0; i < lengths.length; i++) sum += lengths[i];
  const [median, p90] = selectQuantiles(lengths, [0.5, 0.9]);
  return {
    mean_length_of_stay: sum / lengths.length,
    median_length_of_stay: median,
    p90_length_of_stay: p90,
  };
}

/** The first index whose value is at least `t`, in values sorted ascending. */
function firstAtOrAfter(values: Float64Array, t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
