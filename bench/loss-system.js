/**
 * Loss systems for timing the engine: an M/M/c/c ward driven straight on the event list (the
 * engine alone), and the same system written as a one-ward pathway for the full simulation
 * (the engine plus everything the model does per event). Both report blocking against the
 * Erlang-B formula, so a fast but wrong engine cannot look good.
 */
import { EventQueue } from "../dist/engine/event-queue.js";
import { createPersonalStream } from "../dist/engine/random.js";
import { simulate } from "../dist/model/simulation.js";

/** Erlang-B blocking probability by the stable recursion B(k) = A B(k-1) / (k + A B(k-1)). */
export function erlangB(servers, load) {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

const ARRIVAL = 0;
const DEPARTURE = 1;
/** Departures before arrivals at the same instant, as in the model. */
const RANK_OF_KIND = [1, 0];

/**
 * M/M/c/c with `servers` beds, arrival rate `load` per unit time and mean stay 1, for
 * `arrivals` arrivals. Returns events handled, seconds taken and the blocking fraction.
 */
export function runLossSystem({ servers, load, arrivals, seed = 1 }) {
  const rng = createPersonalStream(seed);
  const queue = new EventQueue(RANK_OF_KIND);
  let busy = 0;
  let arrived = 0;
  let blocked = 0;
  let events = 0;
  const start = process.hrtime.bigint();
  queue.schedule(-Math.log(1 - rng()) / load, ARRIVAL, 0);
  while (queue.pop()) {
    events++;
    const t = queue.time;
    if (queue.kind === DEPARTURE) {
      busy--;
      continue;
    }
    arrived++;
    if (busy < servers) {
      busy++;
      queue.schedule(t - Math.log(1 - rng()), DEPARTURE, arrived);
    } else {
      blocked++;
    }
    if (arrived < arrivals) queue.schedule(t - Math.log(1 - rng()) / load, ARRIVAL, 0);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { events, seconds, blocking: blocked / arrived };
}

/**
 * The full simulation on a one-ward loss model: one cohort, one ward, overflow straight out of
 * area, no crisis team, no waiting, exponential stays. Flat seasonality, no growth.
 */
export function lossPathway({ beds, arrivalsPerYear, meanStay, years }) {
  const noCost = { perBedPerYear: 0, perOccupiedBedDay: 0, perEpisode: 0 };
  return {
    cohorts: [
      {
        id: "adults",
        name: "Adults",
        arrivalsPerYear,
        seasonality: new Array(12).fill(1),
        growthPerYear: 0,
        routing: {
          crisisTeamSupportAtHome: 0,
          crisisHouseInsteadOfAdmission: 0,
          wardStay: { distribution: "exponential", mean: meanStay },
          dischargeRoutes: [
            { name: "home", share: 1, whenFull: "go_home", readmissionWithin30Days: 0 },
          ],
        },
      },
    ],
    services: [
      {
        id: "ward",
        name: "Ward",
        kind: "ward",
        capacity: beds,
        accepts: ["adults"],
        stayMultiplier: 1,
        repatriateTo: [],
        cost: noCost,
      },
      {
        id: "oap",
        name: "Out of area",
        kind: "out_of_area",
        capacity: Number.POSITIVE_INFINITY,
        accepts: ["adults"],
        stayMultiplier: 1,
        repatriateTo: [],
        cost: noCost,
      },
    ],
    acuteOutOfArea: "oap",
    maxWaitForLocalBedDays: 0,
    repatriateIfRemainingDaysAtLeast: 0,
    readmissionWindowDays: 30,
    changes: [],
    horizon: { warmUpDays: 30, days: Math.round(years * 365.25), startDate: "2025-04-01" },
  };
}

/** Runs the one-ward pathway once; blocking is OAP admissions over all admissions. */
export function runLossPathway(pathway, seed = 1) {
  const start = process.hrtime.bigint();
  const out = simulate(pathway, seed, 0);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { counts, layout } = { counts: out.recorder.counts, layout: out.layout };
  const from = pathway.horizon.warmUpDays;
  const sum = (metric) => counts[metric].subarray(from).reduce((a, b) => a + b, 0);
  const admissions = sum(layout.counts.admissions);
  return {
    events: out.events,
    seconds,
    blocking: admissions > 0 ? sum(layout.counts.oap_admissions) / admissions : 0,
  };
}
