import { type Distribution, makeDistribution } from "../engine/distributions.js";
import { EventQueue } from "../engine/event-queue.js";
import { createPersonalStream, createStream, type Rng } from "../engine/random.js";
import { ArrivalProcess } from "./arrivals.js";
import { Calendar } from "./calendar.js";
import { type CountMetric, type MetricLayout, metricLayout } from "./metrics.js";
import type { DischargeRoute, Pathway, Routing, Service } from "./pathway.js";
import { Recorder } from "./recorder.js";

/**
 * Event kinds, and the documented order of events at the same instant (lower rank first):
 * dated changes, then stays ending (discharges free beds), then arrivals and readmissions
 * (so they can use a bed freed at that instant), then the end of a maximum wait, then the end
 * of the run.
 */
const CHANGE = 0;
const STAY_END = 1;
const DELAY_END = 2;
const ARRIVAL = 3;
const READMISSION = 4;
const WAIT_TIMEOUT = 5;
const END = 6;
const RANK_OF_KIND = [0, 1, 1, 2, 2, 3, 4];

/** Where a person is in their episode. */
enum State {
  Home = 0,
  WaitingForBed = 1,
  /** In a bed or place, stay not yet over. */
  InStay = 2,
  /** Ready to leave a ward but held by a delay outside the model (care package, housing). */
  DelayedExternally = 3,
  /** Ready to leave a ward but the next service is full: a delayed discharge. */
  WaitingForPlace = 4,
}

interface Person {
  id: number;
  cohort: number;
  state: State;
  /** Service index of the bed or place held, or -1. */
  at: number;
  /** When the current stay (or delay) ends; events that do not match are stale. */
  endsAt: number;
  waitDeadline: number;
  waitingSince: number;
  readmitAt: number;
  /** True while in an acute ward or acute out-of-area bed (this episode's inpatient stay). */
  inpatient: boolean;
  /** Index into the out-of-area list of `at`, for constant-time removal. */
  outOfAreaSlot: number;
  /** The route chosen when ready for discharge. */
  route?: DischargeRoute;
  // Needs, drawn when the episode starts (common random numbers).
  wardStay: number;
  routeDraw: number;
  delayDraw: number;
  readmitDraw: number;
  rng: Rng;
}

/** What one replication returns: daily bins plus the layout to read them. */
export interface ReplicationOutput {
  layout: MetricLayout;
  calendar: Calendar;
  recorder: Recorder;
  events: number;
}

interface ServiceState {
  spec: Service;
  capacity: number;
  occupied: number;
  stay?: Distribution;
  /** People held elsewhere waiting for a place here (delayed discharges), oldest first. */
  waiting: Person[];
  waitingHead: number;
  /** Out-of-area services: the people placed here. */
  placed: Person[];
  /** Out-of-area services of this kind that bring people back here. */
  repatriateFrom: number[];
  accepts: Set<number>;
}

interface CohortState {
  routing: Routing;
  wardStay: Distribution;
  routeShares: Float64Array;
  stayFactor: number;
  arrivals: ArrivalProcess;
  stayRng: Rng;
  routingRng: Rng;
  readmissionRng: Rng;
  personRng: Rng;
  /** Acute ward indices that take this cohort. */
  wards: number[];
}

export function simulate(pathway: Pathway, seed: number, replication: number): ReplicationOutput {
  return new Simulation(pathway, seed, replication).run();
}

class Simulation {
  private readonly queue = new EventQueue(RANK_OF_KIND);
  private readonly calendar: Calendar;
  private readonly layout: MetricLayout;
  private readonly recorder: Recorder;
  private readonly services: ServiceState[];
  private readonly serviceIndex = new Map<string, number>();
  private readonly cohorts: CohortState[];
  private readonly people: Person[] = [];
  private readonly acuteWaiting: Person[] = [];
  private readonly acuteOutOfArea: number;
  private readonly end: number;
  private delayFactor = 1;
  private events = 0;

  constructor(
    private readonly pathway: Pathway,
    seed: number,
    replication: number,
  ) {
    const { horizon } = pathway;
    this.calendar = new Calendar(horizon.startDate, horizon.warmUpDays, horizon.days);
    this.layout = metricLayout(pathway);
    this.recorder = new Recorder(
      this.layout.levelCount,
      this.layout.countCount,
      horizon.warmUpDays,
      horizon.days,
    );
    this.end = horizon.days;
    pathway.services.forEach((s, i) => {
      this.serviceIndex.set(s.id, i);
    });
    const cohortIndex = new Map(pathway.cohorts.map((c, i) => [c.id, i]));
    this.services = pathway.services.map((spec) => ({
      spec,
      capacity: spec.capacity,
      occupied: 0,
      stay: spec.stay ? makeDistribution(spec.stay) : undefined,
      waiting: [],
      waitingHead: 0,
      placed: [],
      repatriateFrom: [],
      accepts: new Set(spec.accepts.map((id) => cohortIndex.get(id) ?? -1)),
    }));
    this.services.forEach((s, i) => {
      for (const target of s.spec.repatriateTo) {
        this.services[this.index(target)].repatriateFrom.push(i);
      }
    });
    this.acuteOutOfArea = this.index(pathway.acuteOutOfArea);
    const stream = (...key: (string | number)[]) => createStream(seed, "rep", replication, ...key);
    this.cohorts = pathway.cohorts.map((cohort, c) => {
      const scaleSteps = pathway.changes
        .filter((ch) => ch.kind === "scale_arrivals" && (!ch.cohort || ch.cohort === cohort.id))
        .map((ch) => ({ day: ch.day, factor: ch.kind === "scale_arrivals" ? ch.factor : 1 }))
        .sort((a, b) => a.day - b.day);
      const state: CohortState = {
        routing: cohort.routing,
        wardStay: makeDistribution(cohort.routing.wardStay),
        routeShares: cumulativeShares(cohort.routing.dischargeRoutes),
        stayFactor: 1,
        arrivals: new ArrivalProcess(
          cohort,
          this.calendar,
          stream("cohort", cohort.id, "arrivals"),
          scaleSteps,
        ),
        stayRng: stream("cohort", cohort.id, "stay"),
        routingRng: stream("cohort", cohort.id, "routing"),
        readmissionRng: stream("cohort", cohort.id, "readmission"),
        personRng: stream("cohort", cohort.id, "person"),
        wards: this.services
          .map((s, i) => (s.spec.kind === "ward" && s.accepts.has(c) ? i : -1))
          .filter((i) => i >= 0),
      };
      return state;
    });
  }

  run(): ReplicationOutput {
    const start = -this.pathway.horizon.warmUpDays;
    this.services.forEach((s, i) => {
      if (Number.isFinite(s.capacity))
        this.recorder.set(this.layout.capacity[i], s.capacity, start);
    });
    this.pathway.changes.forEach((change, i) => {
      if (change.kind !== "scale_arrivals")
        this.queue.schedule(Math.max(start, change.day), CHANGE, i);
    });
    this.cohorts.forEach((c, i) => {
      const first = c.arrivals.next(start, this.end);
      if (first < this.end) this.queue.schedule(first, ARRIVAL, i);
    });
    this.queue.schedule(this.end, END, 0);
    const queue = this.queue;
    while (queue.pop()) {
      this.events++;
      const t = queue.time;
      const subject = queue.subject;
      switch (queue.kind) {
        case ARRIVAL:
          this.arrive(subject, t);
          break;
        case STAY_END:
          this.stayEnds(this.people[subject], t);
          break;
        case DELAY_END:
          this.delayEnds(this.people[subject], t);
          break;
        case READMISSION:
          this.readmit(this.people[subject], t);
          break;
        case WAIT_TIMEOUT:
          this.waitTimesOut(this.people[subject], t);
          break;
        case CHANGE:
          this.applyChange(subject, t);
          break;
        case END:
          this.recorder.finish(t);
          return {
            layout: this.layout,
            calendar: this.calendar,
            recorder: this.recorder,
            events: this.events,
          };
      }
    }
    throw new Error("the event list emptied before the end of the run");
  }

  private index(serviceId: string): number {
    const i = this.serviceIndex.get(serviceId);
    if (i === undefined) throw new Error(`unknown service ${serviceId}`);
    return i;
  }

  private changeDelayed(route: DischargeRoute, delta: number, t: number): void {
    this.recorder.change(this.layout.delayed.get(route.name) as number, delta, t);
  }

  private count(metric: CountMetric, t: number, amount = 1): void {
    this.recorder.count(this.layout.counts[metric], t, amount);
  }

  // --- arrivals -------------------------------------------------------------------------

  private arrive(c: number, t: number): void {
    const cohort = this.cohorts[c];
    const next = cohort.arrivals.next(t, this.end);
    if (next < this.end) this.queue.schedule(next, ARRIVAL, c);
    const routing = cohort.routing;
    // Needs for the whole first episode come from the cohort's own streams, in arrival order.
    const supportedAtHome = cohort.routingRng() < routing.crisisTeamSupportAtHome;
    const offeredCrisisHouse = cohort.routingRng() < routing.crisisHouseInsteadOfAdmission;
    const person: Person = {
      id: this.people.length,
      cohort: c,
      state: State.Home,
      at: -1,
      endsAt: 0,
      waitDeadline: 0,
      waitingSince: 0,
      readmitAt: Number.NaN,
      inpatient: false,
      outOfAreaSlot: -1,
      wardStay: cohort.wardStay.sample(cohort.stayRng),
      routeDraw: cohort.routingRng(),
      delayDraw: cohort.routingRng(),
      readmitDraw: cohort.readmissionRng(),
      rng: createPersonalStream(cohort.personRng() * 4294967296),
    };
    this.people.push(person);
    this.count("arrivals", t);
    if (supportedAtHome) {
      this.count("crisis_team_supported", t);
      return;
    }
    if (offeredCrisisHouse) {
      const house = this.freeService("crisis_house", c);
      if (house >= 0) {
        this.count("crisis_house_admissions", t);
        this.place(person, house, this.services[house].stay?.sample(person.rng) ?? 0, t);
        return;
      }
      this.count("crisis_house_turned_away", t);
    }
    this.requestAcuteBed(person, t);
  }

  private readmit(person: Person, t: number): void {
    if (person.readmitAt !== t) return;
    person.readmitAt = Number.NaN;
    // A readmission ends whatever step-down or community place the person still holds.
    if (person.state === State.InStay && person.at >= 0) this.leave(person, t);
    else if (person.state === State.WaitingForPlace || person.state === State.DelayedExternally)
      return;
    const cohort = this.cohorts[person.cohort];
    person.wardStay = cohort.wardStay.sample(person.rng);
    person.routeDraw = person.rng();
    person.delayDraw = person.rng();
    person.readmitDraw = person.rng();
    person.state = State.Home;
    this.count("readmissions_30d", t);
    this.requestAcuteBed(person, t);
  }

  // --- acute admission ------------------------------------------------------------------

  private requestAcuteBed(person: Person, t: number): void {
    const ward = this.freeWard(person.cohort);
    if (ward >= 0) {
      this.admitLocally(person, ward, t);
    } else if (this.pathway.maxWaitForLocalBedDays > 0) {
      person.state = State.WaitingForBed;
      person.waitingSince = t;
      person.waitDeadline = t + this.pathway.maxWaitForLocalBedDays;
      this.acuteWaiting.push(person);
      this.recorder.change(this.layout.waiting, 1, t);
      this.queue.schedule(person.waitDeadline, WAIT_TIMEOUT, person.id);
    } else {
      this.placeOutOfArea(person, t);
    }
  }

  /** The ward with the most free beds that takes the cohort, or -1. */
  private freeWard(c: number): number {
    let best = -1;
    let bestFree = 0;
    for (const w of this.cohorts[c].wards) {
      const free = this.services[w].capacity - this.services[w].occupied;
      if (free > bestFree) {
        best = w;
        bestFree = free;
      }
    }
    return best;
  }

  private admitLocally(person: Person, ward: number, t: number): void {
    this.count("admissions", t);
    this.count("local_admissions", t);
    person.inpatient = true;
    this.place(person, ward, person.wardStay * this.cohorts[person.cohort].stayFactor, t);
  }

  private placeOutOfArea(person: Person, t: number): void {
    this.count("admissions", t);
    this.count("oap_admissions", t);
    person.inpatient = true;
    const service = this.acuteOutOfArea;
    const stay =
      person.wardStay *
      this.cohorts[person.cohort].stayFactor *
      this.services[service].spec.stayMultiplier;
    this.place(person, service, stay, t);
  }

  private waitTimesOut(person: Person, t: number): void {
    if (person.state !== State.WaitingForBed || person.waitDeadline !== t) return;
    this.stopWaiting(person, t);
    this.placeOutOfArea(person, t);
  }

  private stopWaiting(person: Person, t: number): void {
    const i = this.acuteWaiting.indexOf(person);
    this.acuteWaiting.splice(i, 1);
    this.recorder.change(this.layout.waiting, -1, t);
    this.count("waiting_days", t, t - person.waitingSince);
    if (t > person.waitingSince) this.count("waited", t);
  }

  // --- stays ----------------------------------------------------------------------------

  /** Puts a person in a bed or place for `stay` days. */
  private place(person: Person, service: number, stay: number, t: number): void {
    const s = this.services[service];
    s.occupied++;
    this.recorder.change(this.layout.occupied[service], 1, t);
    this.recorder.count(this.layout.entries[service], t);
    person.at = service;
    person.state = State.InStay;
    person.endsAt = t + stay;
    if (s.spec.kind === "out_of_area") {
      person.outOfAreaSlot = s.placed.length;
      s.placed.push(person);
    }
    this.queue.schedule(person.endsAt, STAY_END, person.id);
  }

  /** Frees the bed or place a person holds, and lets others into it. */
  private leave(person: Person, t: number): void {
    const service = person.at;
    const s = this.services[service];
    s.occupied--;
    this.recorder.change(this.layout.occupied[service], -1, t);
    if (s.spec.kind === "out_of_area") {
      const last = s.placed.pop() as Person;
      if (last !== person) {
        s.placed[person.outOfAreaSlot] = last;
        last.outOfAreaSlot = person.outOfAreaSlot;
      }
      person.outOfAreaSlot = -1;
    }
    person.at = -1;
    person.state = State.Home;
    this.fill(service, t);
  }

  private stayEnds(person: Person, t: number): void {
    if (person.state !== State.InStay || person.endsAt !== t) return;
    if (!person.inpatient) {
      // End of a crisis-house, community or rehabilitation stay: home.
      this.leave(person, t);
      return;
    }
    const cohort = this.cohorts[person.cohort];
    const route = cohort.routing.dischargeRoutes[pick(cohort.routeShares, person.routeDraw)];
    person.route = route;
    if (route.delay && person.delayDraw < route.delay.share * this.delayFactor) {
      person.state = State.DelayedExternally;
      person.endsAt = t + makeDelay(route).sample(person.rng);
      this.changeDelayed(route, 1, t);
      this.queue.schedule(person.endsAt, DELAY_END, person.id);
      return;
    }
    this.discharge(person, route, t);
  }

  private delayEnds(person: Person, t: number): void {
    if (person.state !== State.DelayedExternally || person.endsAt !== t) return;
    const route = person.route as DischargeRoute;
    this.changeDelayed(route, -1, t);
    person.state = State.InStay;
    this.discharge(person, route, t);
  }

  /** A person clinically ready to leave an inpatient bed goes on along their route. */
  private discharge(person: Person, route: DischargeRoute, t: number): void {
    if (route.to === undefined) {
      this.leaveInpatientCare(person, route, t);
      return;
    }
    const destination = this.index(route.to);
    const d = this.services[destination];
    if (d.capacity - d.occupied > 0 && d.accepts.has(person.cohort)) {
      this.moveOn(person, route, destination, t);
    } else if (route.whenFull === "stay_in_bed") {
      person.state = State.WaitingForPlace;
      d.waiting.push(person);
      this.changeDelayed(route, 1, t);
    } else if (route.whenFull === "out_of_area" && route.outOfArea) {
      const outOfArea = this.index(route.outOfArea);
      const stay = (d.stay?.sample(person.rng) ?? 0) * this.services[outOfArea].spec.stayMultiplier;
      this.leaveInpatientCare(person, route, t);
      this.place(person, outOfArea, stay, t);
    } else {
      this.leaveInpatientCare(person, route, t);
    }
  }

  /** Leaves the acute bed for a place in `destination`. */
  private moveOn(person: Person, route: DischargeRoute, destination: number, t: number): void {
    this.leaveInpatientCare(person, route, t);
    if (this.services[destination].spec.kind === "crisis_house")
      this.count("crisis_house_step_downs", t);
    this.place(person, destination, this.services[destination].stay?.sample(person.rng) ?? 0, t);
  }

  private leaveInpatientCare(person: Person, route: DischargeRoute, t: number): void {
    person.inpatient = false;
    this.count("discharges", t);
    this.leave(person, t);
    if (person.readmitDraw < route.readmissionWithin30Days) {
      person.readmitAt = t + person.rng() * this.pathway.readmissionWindowDays;
      this.queue.schedule(person.readmitAt, READMISSION, person.id);
    }
  }

  // --- freed capacity -------------------------------------------------------------------

  /** Fills free beds or places in a service: waiting people first, then repatriation. */
  private fill(service: number, t: number): void {
    const s = this.services[service];
    if (s.spec.kind === "out_of_area") return;
    while (s.capacity - s.occupied > 0) {
      if (s.spec.kind === "ward" && this.admitWaiting(service, t)) continue;
      if (this.takeDelayedDischarge(service, t)) continue;
      if (this.repatriate(service, t)) continue;
      return;
    }
  }

  private admitWaiting(ward: number, t: number): boolean {
    const accepts = this.services[ward].accepts;
    for (const person of this.acuteWaiting) {
      if (!accepts.has(person.cohort)) continue;
      this.stopWaiting(person, t);
      this.admitLocally(person, ward, t);
      return true;
    }
    return false;
  }

  private takeDelayedDischarge(service: number, t: number): boolean {
    const s = this.services[service];
    if (s.waitingHead >= s.waiting.length) return false;
    const person = s.waiting[s.waitingHead++];
    if (s.waitingHead > 64 && s.waitingHead * 2 > s.waiting.length) {
      s.waiting.splice(0, s.waitingHead);
      s.waitingHead = 0;
    }
    const route = person.route as DischargeRoute;
    this.changeDelayed(route, -1, t);
    person.state = State.InStay;
    this.moveOn(person, route, service, t);
    return true;
  }

  /** Brings back the out-of-area patient with the most stay left, if it is worth the move. */
  private repatriate(service: number, t: number): boolean {
    const s = this.services[service];
    let best: Person | undefined;
    let bestRemaining = 0;
    let from = -1;
    for (const o of s.repatriateFrom) {
      const outOfArea = this.services[o];
      for (const person of outOfArea.placed) {
        if (person.state !== State.InStay || !s.accepts.has(person.cohort)) continue;
        const remaining = (person.endsAt - t) / outOfArea.spec.stayMultiplier;
        if (
          remaining >= this.pathway.repatriateIfRemainingDaysAtLeast &&
          remaining > bestRemaining
        ) {
          best = person;
          bestRemaining = remaining;
          from = o;
        }
      }
    }
    if (!best || from < 0) return false;
    this.count("repatriations", t);
    const wasInpatient = best.inpatient;
    this.leave(best, t);
    best.inpatient = wasInpatient;
    this.place(best, service, bestRemaining, t);
    return true;
  }

  // --- dated changes --------------------------------------------------------------------

  private applyChange(i: number, t: number): void {
    const change = this.pathway.changes[i];
    switch (change.kind) {
      case "capacity": {
        const service = this.index(change.service);
        const s = this.services[service];
        s.capacity = Math.max(0, change.set ?? s.capacity + (change.add ?? 0));
        this.recorder.set(this.layout.capacity[service], s.capacity, t);
        // Closed beds close as they empty; nobody is moved out.
        this.fill(service, t);
        break;
      }
      case "scale_length_of_stay":
        for (const c of this.cohortsNamed(change.cohort)) c.stayFactor *= change.factor;
        break;
      case "scale_delays":
        this.delayFactor *= change.factor;
        break;
      case "routing":
        for (const c of this.cohortsNamed(change.cohort)) {
          c.routing = { ...c.routing, ...change.routing };
          c.routeShares = cumulativeShares(c.routing.dischargeRoutes);
          c.wardStay = makeDistribution(c.routing.wardStay);
        }
        break;
      case "scale_arrivals":
        break;
    }
  }

  private cohortsNamed(id: string | undefined): CohortState[] {
    return this.cohorts.filter((_, i) => !id || this.pathway.cohorts[i].id === id);
  }

  private freeService(kind: Service["kind"], c: number): number {
    let best = -1;
    let bestFree = 0;
    this.services.forEach((s, i) => {
      const free = s.capacity - s.occupied;
      if (s.spec.kind === kind && s.accepts.has(c) && free > bestFree) {
        best = i;
        bestFree = free;
      }
    });
    return best;
  }
}

function cumulativeShares(routes: DischargeRoute[]): Float64Array {
  const shares = new Float64Array(routes.length);
  let total = 0;
  routes.forEach((r, i) => {
    total += r.share;
    shares[i] = total;
  });
  return shares;
}

/** The first route whose cumulative share exceeds the draw (the last if rounding leaves a gap). */
function pick(cumulative: Float64Array, draw: number): number {
  for (let i = 0; i < cumulative.length; i++) if (draw < cumulative[i]) return i;
  return cumulative.length - 1;
}

const delayCache = new WeakMap<DischargeRoute, Distribution>();
function makeDelay(route: DischargeRoute): Distribution {
  let d = delayCache.get(route);
  if (!d) {
    d = makeDistribution((route.delay as NonNullable<DischargeRoute["delay"]>).length);
    delayCache.set(route, d);
  }
  return d;
}
