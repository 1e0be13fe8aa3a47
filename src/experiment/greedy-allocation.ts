import { describeTargets, type Estimate, estimateAt, meetsAll, type Target } from "./rightsize.js";
import type { PointValues, SweepParameter, SweepPointResult } from "./sweep.js";

/**
 * Right-sizing several settings together (beds on a group of wards, say) by greedy marginal
 * allocation: from a starting point, add one step to whichever setting most reduces the
 * shortfall against the targets until they all hold; then take away one step from whichever
 * setting saves most (of the KPI minimised, or of the settings' total) while they still hold,
 * until no single step helps. Every point is run with the same replications (common random
 * numbers), so the differences it compares come from the settings, not from chance. A final
 * check re-runs the answer with fresh replications and reports every target's interval.
 */
export interface AllocationGoal {
  targets: readonly Target[];
  /** The KPI whose mean is minimised; without one, the settings' total (fewest beds). */
  minimise?: string;
}

export interface AllocationStep {
  values: PointValues;
  /** "start", or the setting moved and in which direction. */
  move: string;
  objective: number;
  met: boolean;
  estimates: Estimate[];
}

export interface FinalCheck {
  point: SweepPointResult;
  estimates: Estimate[];
  met: boolean;
  metConfidently: boolean;
  firstReplication: number;
}

export interface AllocationResult {
  answer?: SweepPointResult;
  steps: AllocationStep[];
  explored: SweepPointResult[];
  /** Each setting one step down from the answer: the target it breaks, or its objective. */
  neighbours: { path: string; value: number; met: boolean; objective: number }[];
  finalCheck?: FinalCheck;
  replicationsUsed: number;
  note: string;
}

export interface AllocationRun {
  settings: SweepParameter[];
  /** The starting value of each setting (snapped to its nearest listed value). */
  start: PointValues;
  goal: AllocationGoal;
  years: number[];
  replications: number;
  /** Most replications the whole search may run, the final check included. */
  budget: number;
  /** Runs a point with replications first..first + replications - 1. */
  evaluate: (values: PointValues, first: number) => Promise<SweepPointResult>;
}

export async function greedyAllocation(run: AllocationRun): Promise<AllocationResult> {
  const { settings, goal, years, replications, budget } = run;
  const seen = new Map<string, SweepPointResult>();
  let used = 0;
  const key = (index: number[]) => index.join(",");
  const valuesOf = (index: number[]): PointValues =>
    Object.fromEntries(settings.map((s, i) => [s.path, s.values[index[i]]]));
  // A point is run at most once; undefined when the budget would be overspent.
  const at = async (index: number[]): Promise<SweepPointResult | undefined> => {
    const cached = seen.get(key(index));
    if (cached) return cached;
    if (used + replications > budget) return undefined;
    used += replications;
    const point = await run.evaluate(valuesOf(index), 0);
    seen.set(key(index), point);
    return point;
  };
  const objective = (point: SweepPointResult) =>
    goal.minimise
      ? point.kpis[goal.minimise].mean
      : settings.reduce((a, s) => a + point.values[s.path], 0);
  const met = (point: SweepPointResult) => meetsAll(point, goal.targets, years);
  const estimates = (point: SweepPointResult) =>
    goal.targets.map((t) => estimateAt(point, t, years));
  // How far the targets are from holding, each as a fraction of its value (0 when all hold).
  const shortfall = (point: SweepPointResult) =>
    goal.targets.reduce((sum, t) => {
      const { estimate } = estimateAt(point, t, years);
      const over = t.operator === "<=" ? estimate - t.value : t.value - estimate;
      return sum + Math.max(0, over) / Math.max(Math.abs(t.value), 1e-9);
    }, 0);

  const steps: AllocationStep[] = [];
  const record = (point: SweepPointResult, move: string) =>
    steps.push({
      values: point.values,
      move,
      objective: objective(point),
      met: met(point),
      estimates: estimates(point),
    });
  const describeMove = (i: number, up: boolean, index: number[]) =>
    `${settings[i].path} ${up ? "up" : "down"} to ${settings[i].values[index[i]]}`;

  let index = settings.map((s) => nearestIndex(s.values, run.start[s.path]));
  let current = await at(index);
  const outOfBudget = (explored: number) =>
    `The simulation budget of ${budget} replications ran out after ${explored} points; raise --budget or narrow the ranges.`;
  if (!current)
    return {
      steps,
      explored: [],
      neighbours: [],
      replicationsUsed: used,
      note: `The simulation budget of ${budget} replications is too small for one point of ${replications} replications.`,
    };
  record(current, "start");
  let note = "";

  // Add capacity where it most reduces the shortfall, until every target holds.
  while (!met(current)) {
    let best: { index: number[]; point: SweepPointResult; i: number } | undefined;
    for (let i = 0; i < settings.length; i++) {
      if (index[i] + 1 >= settings[i].values.length) continue;
      const next = index.slice();
      next[i]++;
      const point = await at(next);
      if (!point) break;
      if (
        !best ||
        shortfall(point) < shortfall(best.point) ||
        (shortfall(point) === shortfall(best.point) && objective(point) < objective(best.point))
      )
        best = { index: next, point, i };
    }
    if (!best || shortfall(best.point) >= shortfall(current)) {
      note =
        used + replications > budget
          ? outOfBudget(seen.size)
          : `No setting within its range brings ${describeTargets(goal.targets)} closer; widen the ranges.`;
      break;
    }
    index = best.index;
    current = best.point;
    record(current, describeMove(best.i, true, index));
  }

  // Take away capacity where it saves most, while every target still holds.
  const neighbours: AllocationResult["neighbours"] = [];
  if (met(current)) {
    for (;;) {
      // Steps down first (they save beds); only when none helps, and a KPI such as cost is
      // minimised, steps up (a bed can cost less than the out-of-area days it saves).
      let moved: { index: number[]; point: SweepPointResult; i: number; up: boolean } | undefined;
      let exhausted = false;
      for (const d of goal.minimise ? [-1, 1] : [-1]) {
        let best: typeof moved;
        for (let i = 0; i < settings.length && !exhausted; i++) {
          const j = index[i] + d;
          if (j < 0 || j >= settings[i].values.length) continue;
          const next = index.slice();
          next[i] = j;
          const point = await at(next);
          if (!point) {
            exhausted = true;
            break;
          }
          if (!met(point) || objective(point) >= objective(current)) continue;
          if (!best || objective(point) < objective(best.point))
            best = { index: next, point, i, up: d > 0 };
        }
        if (best || exhausted) {
          moved = best;
          break;
        }
      }
      if (exhausted) {
        note = outOfBudget(seen.size);
        break;
      }
      if (!moved) break;
      index = moved.index;
      current = moved.point;
      record(current, describeMove(moved.i, moved.up, index));
    }
    for (let i = 0; i < settings.length; i++) {
      if (index[i] === 0) continue;
      const next = index.slice();
      next[i]--;
      const point = seen.get(key(next));
      if (point)
        neighbours.push({
          path: settings[i].path,
          value: settings[i].values[next[i]],
          met: met(point),
          objective: objective(point),
        });
    }
  }

  const answer = met(current) ? current : undefined;
  let finalCheck: FinalCheck | undefined;
  if (answer && used + replications <= budget) {
    used += replications;
    // Fresh replications: the search chose the answer on the first ones, which flatters it.
    const point = await run.evaluate(answer.values, replications);
    finalCheck = {
      point,
      estimates: estimates(point),
      met: met(point),
      metConfidently: meetsAll(point, goal.targets, years, true),
      firstReplication: replications,
    };
  }
  if (!note)
    note = answer
      ? `Found by greedy marginal allocation: ${steps.length - 1} steps, ${seen.size} points simulated, ${used} replications of a budget of ${budget}.${finalCheck ? "" : " The budget left no room for the final check."}`
      : `No point meets ${describeTargets(goal.targets)}.`;
  return {
    answer,
    steps,
    explored: [...seen.values()],
    neighbours,
    finalCheck,
    replicationsUsed: used,
    note,
  };
}

function nearestIndex(values: number[], value: number | undefined): number {
  if (value === undefined) return values.length - 1;
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if (Math.abs(values[i] - value) < Math.abs(values[best] - value)) best = i;
  return best;
}
