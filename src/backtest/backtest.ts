/**
 * A back-test: the model started from the census on `from`, simulated to `to` many times, and
 * measured month by month exactly as the observed spells are. Each observed month is set against
 * the simulated band (P10 to P90); a model that reproduces its history has about 80% of months
 * inside it, and a small mean absolute percentage error of the simulated median.
 */
import type { Spell } from "../data/spell.js";
import type { CensusPerson, Pathway } from "../model/pathway.js";
import { simulate } from "../model/simulation.js";
import { SpellLog } from "../model/spell-log.js";
import { summarise } from "../stats/summary.js";
import { type BacktestMeasure, MEASURE_NAMES, type Month, measureMonths } from "./measures.js";
import { hospitalServices, providerSpells } from "./provider-spells.js";

export interface MeasureBacktest {
  observed: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  /** Share of months whose observed value lies within P10 to P90 (ends included). */
  inside: number;
  /** Mean of |median - observed| / observed over the months observed above 0; null if none. */
  mape: number | null;
}

export interface Backtest {
  months: string[];
  replications: number;
  measures: Record<BacktestMeasure, MeasureBacktest>;
}

/**
 * `warmUp`, when given, is the model run from empty up to the start: an extract of hospital
 * spells does not say who is in crisis houses, community places or rehabilitation, and
 * starting them empty would free every bed held for one of them, so each replication takes
 * its own warm-up's people in those services on the start date.
 */
export function backtest(
  pathway: Pathway,
  seed: number,
  replications: number,
  observed: readonly Spell[],
  months: readonly Month[],
  options: { warmUp?: Pathway; onProgress?: (done: number, total: number) => void } = {},
): Backtest {
  const simulated: Record<BacktestMeasure, number[]>[] = [];
  for (let i = 0; i < replications; i++) {
    const log = new SpellLog();
    const filled = options.warmUp
      ? {
          ...pathway,
          census: [...(pathway.census ?? []), ...outsideHospital(options.warmUp, seed, i)],
        }
      : pathway;
    simulate(filled, seed, i, log);
    simulated.push(measureMonths(providerSpells(log.spells, pathway), months));
    options.onProgress?.(i + 1, replications);
  }
  const seen = measureMonths(observed, months);
  const measures = {} as Record<BacktestMeasure, MeasureBacktest>;
  for (const name of MEASURE_NAMES) {
    const band = months.map((_, m) => summarise(simulated.map((r) => r[name][m])));
    const obs = seen[name];
    const p10 = band.map((b) => b.p10);
    const p50 = band.map((b) => b.p50);
    const p90 = band.map((b) => b.p90);
    const inside = obs.filter((o, m) => o >= p10[m] && o <= p90[m]).length / obs.length;
    const errors = obs.flatMap((o, m) => (o > 0 ? [Math.abs(p50[m] - o) / o] : []));
    measures[name] = {
      observed: obs,
      p10,
      p50,
      p90,
      inside,
      mape: errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : null,
    };
  }
  return { months: months.map((m) => m.label), replications, measures };
}

/** A warm-up's own stream seed, apart from the back-test's so the two runs are not correlated. */
const WARM_UP_SEED_OFFSET = 0x9e3779b9;

/** The people a warm-up from empty leaves in services other than hospital on its last day. */
function outsideHospital(warmUp: Pathway, seed: number, replication: number): CensusPerson[] {
  const log = new SpellLog();
  simulate(warmUp, (seed + WARM_UP_SEED_OFFSET) >>> 0, replication, log);
  const inHospital = hospitalServices(warmUp);
  return log.spells
    .filter((s) => !inHospital[s.service] && s.start < 0 && (s.end === undefined || s.end > 0))
    .map((s) => ({
      key: `warm-up:${s.person}`,
      cohort: warmUp.cohorts[s.cohort].id,
      service: warmUp.services[s.service].id,
      daysIn: -s.start,
    }));
}
