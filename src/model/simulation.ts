import { TRANSFER } from "../data/spell.js";
import { type Distribution, makeDistribution, sampleRemaining } from "../engine/distributions.js";
import { EventQueue } from "../engine/event-queue.js";
import { createStream, type Rng, Uniforms } from "../engine/random.js";
import { ArrivalProcess } from "./arrivals.js";
import { type Calendar, calendarFor, DAYS_PER_YEAR } from "./calendar.js";
import { openAfter } from "./dated-changes.js";
import { EVENT_KINDS, RANK_OF_EVENT } from "./event-kinds.js";
import { type CountMetric, type MetricLayout, metricLayout } from "./metrics.js";
import type { CensusPerson, Pathway, Service } from "./pathway.js";
import { People, State } from "./people.js";
import { Recorder } from "./recorder.js";
import type { DischargeRoute, Routing } from "./routing.js";
import { SERVICE_KINDS } from "./service-kinds.js";
import type { SpellLog } from "./spell-log.js";
import { type CompletedStays, StayLog } from "./stay-log.js";

// Event numbers, read once from the table of event kinds (the switch below needs constants).
const CHANGE = EVENT_KINDS.CHANGE.code;
const STAY_END = EVENT_KINDS.STAY_END.code;
const DELAY_END = EVENT_KINDS.DELAY_END.code;
const ARRIVAL = EVENT_KINDS.ARRIVAL.code;
const READMISSION = EVENT_KINDS.READMISSION.code;
const WAIT_TIMEOUT = EVENT_KINDS.WAIT_TIMEOUT.code;
const END = EVENT_KINDS.END.code;
const EXTRA_ARRIVAL = EVENT_KINDS.EXTRA_ARRIVAL.code;
const PICU_NEED = EVENT_KINDS.PICU_NEED.code;

/** What one replication returns: daily bins plus the layout to read them. */
export interface ReplicationOutput {
  layout: MetricLayout;
  calendar: Calendar;
  recorder: Recorder;
  events: number;
  /** Acute inpatient stays that ended, with their realised lengths. */
  stays: CompletedStays;
}

interface ServiceState {
  spec: Service;
  /** Beds or places the service is to have; fewer than `open` while closing beds empty. */
  capacity: number;
  /** Beds or places staffed now: a closed bed stays open until its patient leaves. */
  open: number;
  occupied: number;
  stay?: Distribution;
  // The role of its kind, resolved once: tested on every placement and discharge.
  isWard: boolean;
  isOutOfArea: boolean;
  isCrisisHouse: boolean;
  /** A local PICU, or the out-of-area service used for intensive care. */
  isIntensiveCare: boolean;
  /** People (ids) held elsewhere waiting for a place here (delayed discharges), oldest first. */
  waiting: number[];
  waitingHead: number;
  /** Out-of-area services: the people (ids) placed here. */
  placed: number[];
  /** Out-of-area services of this kind that bring people back here. */
  repatriateFrom: number[];
  /** accepts[cohort] is 1 when the service takes that cohort. */
  accepts: Uint8Array;
  // Recorder metrics of this service.
  occupiedMetric: number;
  capacityMetric: number;
  entriesMetric: number;
}

/**
 * A discharge route with its services and metric resolved to indices, so discharging never
 * looks anything up by name. Routes are numbered in the order first met.
 */
interface RouteState {
  spec: DischargeRoute;
  /** Destination service, or -1 for home. */
  to: number;
  /** With whenFull = out_of_area: the out-of-area service used, or -1. */
  outOfArea: number;
  /** Level metric of people delayed on this route. */
  delayedMetric: number;
  /** Length of delays outside the modelled services, if the route has them. */
  delay?: Distribution;
}

/** The streams a new arrival's needs are drawn from, in order of arrival. */
interface NeedStreams {
  /** For the length-of-stay distribution, which takes an `Rng`. */
  stayRng: Rng;
  // Drawn from directly, several an arrival: `Uniforms`, which draw the same numbers faster.
  routingRng: Uniforms;
  readmissionRng: Uniforms;
  /** Whether each admission needs intensive care: a stream of its own, so that adding a PICU
   * to a model leaves everyone's other needs as they were. */
  picuRng: Uniforms;
  personRng: Uniforms;
}

interface CohortState extends NeedStreams {
  routing: Routing;
  wardStay: Distribution;
  routeShares: Float64Array;
  /** Route ids of `routing.dischargeRoutes`, in the same order. */
  routeIds: Int32Array;
  stayFactor: number;
  arrivals: ArrivalProcess;
  /**
   * Needs of the arrivals beyond the unscaled rate (arrivals scaled above 1), from streams of
   * their own, so they never shift the needs of the people the baseline also meets; or null.
   */
  extraNeeds: NeedStreams | null;
  /** Acute ward indices that take this cohort. */
  wards: number[];
  /** Crisis-house indices that take this cohort. */
  crisisHouses: number[];
  /** Local PICU indices that take this cohort. */
  picus: number[];
  /**
   * Whether a readmission needs intensive care, in order of readmission: apart from first
   * arrivals' stream, whose pairing between scenarios it would otherwise upset.
   */
  readmissionPicuRng: Uniforms;
}

/** One replication; `spells`, when given, logs every stay (for --write-spells). */
export function simulate(
  pathway: Pathway,
  seed: number,
  replication: number,
  spells?: SpellLog,
): ReplicationOutput {
  return new Simulation(pathway, seed, replication, spells).run();
}

class Simulation {
  private readonly queue = new EventQueue(RANK_OF_EVENT);
  private readonly calendar: Calendar;
  private readonly layout: MetricLayout;
  /**
   * Count metric numbers by name. Read as `this.metric.admissions` (a fixed property, fast),
   * never `counts[name]`: a lookup by a varying name cost a fifth of the simulation's time.
   */
  private readonly metric: Readonly<Record<CountMetric, number>>;
  private readonly recorder: Recorder;
  private readonly services: ServiceState[];
  private readonly serviceIndex = new Map<string, number>();
  private readonly cohorts: CohortState[];
  private readonly people: People;
  private readonly stays = new StayLog();
  private readonly routes: RouteState[] = [];
  private readonly routeIdOf = new Map<DischargeRoute, number>();
  /** People (ids) waiting for a local acute bed, in order of arrival. */
  private readonly acuteWaiting: number[] = [];
  /** People (ids) ready to leave intensive care, waiting for a local acute bed, oldest first. */
  private readonly stepDownWaiting: number[] = [];
  /** The out-of-area service for intensive care, or -1 when the model has none. */
  private readonly picuOutOfArea: number;
  private readonly picuStay?: Distribution;
  private readonly acuteOutOfArea: number;
  private readonly end: number;
  private delayFactor = 1;
  private events = 0;
  /** Whose stream `personalRng` draws from (see `rngOf`). */
  private rngPerson = 0;
  private readonly personalRng: Rng = () => this.people.draw(this.rngPerson);

  constructor(
    private readonly pathway: Pathway,
    private readonly seed: number,
    private readonly replication: number,
    private readonly spells?: SpellLog,
  ) {
    const { horizon } = pathway;
    this.calendar = calendarFor(horizon.startDate, horizon.warmUpDays, horizon.days);
    this.layout = metricLayout(pathway);
    this.metric = { ...this.layout.counts };
    this.recorder = new Recorder(
      this.layout.levelCount,
      this.layout.countCount,
      horizon.warmUpDays,
      horizon.days,
    );
    this.end = horizon.days;
    // Room for everyone expected, so the columns rarely need to grow.
    const years = (horizon.warmUpDays + horizon.days) / DAYS_PER_YEAR;
    this.people = new People(
      1.25 * years * pathway.cohorts.reduce((a, c) => a + c.arrivalsPerYear, 0) + 256,
      pathway.picu !== undefined,
    );
    pathway.services.forEach((s, i) => {
      this.serviceIndex.set(s.id, i);
    });
    const cohortIndex = new Map(pathway.cohorts.map((c, i) => [c.id, i]));
    this.services = pathway.services.map((spec, i) => {
      const accepts = new Uint8Array(pathway.cohorts.length);
      for (const id of spec.accepts) {
        const c = cohortIndex.get(id);
        if (c !== undefined) accepts[c] = 1;
      }
      return {
        spec,
        capacity: spec.capacity,
        open: spec.capacity,
        occupied: 0,
        stay: spec.stay ? makeDistribution(spec.stay) : undefined,
        isWard: SERVICE_KINDS[spec.kind].role === "acute",
        isOutOfArea: SERVICE_KINDS[spec.kind].role === "out_of_area",
        isCrisisHouse: SERVICE_KINDS[spec.kind].role === "crisis_house",
        isIntensiveCare:
          SERVICE_KINDS[spec.kind].role === "intensive_care" || spec.id === pathway.picu?.outOfArea,
        waiting: [],
        waitingHead: 0,
        placed: [],
        repatriateFrom: [],
        accepts,
        occupiedMetric: this.layout.occupied[i],
        capacityMetric: this.layout.capacity[i],
        entriesMetric: this.layout.entries[i],
      };
    });
    this.services.forEach((s, i) => {
      for (const target of s.spec.repatriateTo) {
        this.services[this.index(target)].repatriateFrom.push(i);
      }
    });
    this.acuteOutOfArea = this.index(pathway.acuteOutOfArea);
    this.picuOutOfArea = pathway.picu ? this.index(pathway.picu.outOfArea) : -1;
    this.picuStay = pathway.picu ? makeDistribution(pathway.picu.stay) : undefined;
    const stream = (...key: (string | number)[]) => createStream(seed, "rep", replication, ...key);
    const uniforms = (...key: (string | number)[]) =>
      new Uniforms(seed, "rep", replication, ...key);
    const servicesFor = (c: number, test: (s: ServiceState) => boolean) =>
      this.services.map((s, i) => (test(s) && s.accepts[c] ? i : -1)).filter((i) => i >= 0);
    this.cohorts = pathway.cohorts.map((cohort, c) => {
      const scaleSteps = pathway.changes
        .filter((ch) => ch.kind === "scale_arrivals" && (!ch.cohort || ch.cohort === cohort.id))
        .map((ch) => ({ day: ch.day, factor: ch.kind === "scale_arrivals" ? ch.factor : 1 }))
        .sort((a, b) => a.day - b.day);
      const arrivals = new ArrivalProcess(
        cohort,
        this.calendar,
        uniforms("cohort", cohort.id, "arrivals"),
        scaleSteps,
        () => uniforms("cohort", cohort.id, "extra", "arrivals"),
      );
      const state: CohortState = {
        routing: cohort.routing,
        wardStay: makeDistribution(cohort.routing.wardStay),
        routeShares: cumulativeShares(cohort.routing.dischargeRoutes),
        routeIds: this.routeIds(cohort.routing.dischargeRoutes),
        stayFactor: 1,
        arrivals,
        extraNeeds: arrivals.hasExtra
          ? {
              stayRng: stream("cohort", cohort.id, "extra", "stay"),
              routingRng: uniforms("cohort", cohort.id, "extra", "routing"),
              readmissionRng: uniforms("cohort", cohort.id, "extra", "readmission"),
              picuRng: uniforms("cohort", cohort.id, "extra", "picu"),
              personRng: uniforms("cohort", cohort.id, "extra", "person"),
            }
          : null,
        stayRng: stream("cohort", cohort.id, "stay"),
        routingRng: uniforms("cohort", cohort.id, "routing"),
        readmissionRng: uniforms("cohort", cohort.id, "readmission"),
        picuRng: uniforms("cohort", cohort.id, "picu"),
        personRng: uniforms("cohort", cohort.id, "person"),
        wards: servicesFor(c, (s) => s.isWard),
        crisisHouses: servicesFor(c, (s) => s.isCrisisHouse),
        picus: servicesFor(c, (s) => s.isIntensiveCare && Number.isFinite(s.capacity)),
        readmissionPicuRng: uniforms("cohort", cohort.id, "readmission", "picu"),
      };
      return state;
    });
  }

  run(): ReplicationOutput {
    const start = -this.pathway.horizon.warmUpDays;
    for (const s of this.services) {
      if (Number.isFinite(s.capacity)) this.recorder.set(s.capacityMetric, s.open, start);
    }
    if (this.pathway.census) this.startFromCensus(this.pathway.census, start);
    this.pathway.changes.forEach((change, i) => {
      if (change.kind !== "scale_arrivals")
        this.queue.schedule(Math.max(start, change.day), CHANGE, i);
    });
    this.cohorts.forEach((c, i) => {
      const first = c.arrivals.next(start, this.end);
      if (first < this.end) this.queue.schedule(first, ARRIVAL, i);
      const extra = c.arrivals.nextExtra(start, this.end);
      if (extra < this.end) this.queue.schedule(extra, EXTRA_ARRIVAL, i);
    });
    this.queue.schedule(this.end, END, 0);
    const queue = this.queue;
    while (queue.pop()) {
      this.events++;
      const t = queue.time;
      const subject = queue.subject;
      switch (queue.kind) {
        case ARRIVAL:
          this.arrive(subject, t, false);
          break;
        case EXTRA_ARRIVAL:
          this.arrive(subject, t, true);
          break;
        case STAY_END:
          this.stayEnds(subject, t);
          break;
        case DELAY_END:
          this.delayEnds(subject, t);
          break;
        case READMISSION:
          this.readmit(subject, t);
          break;
        case WAIT_TIMEOUT:
          this.waitTimesOut(subject, t);
          break;
        case CHANGE:
          this.applyChange(subject, t);
          break;
        case PICU_NEED:
          this.needIntensiveCare(subject, t);
          break;
        case END:
          this.recorder.finish(t);
          return {
            layout: this.layout,
            calendar: this.calendar,
            recorder: this.recorder,
            events: this.events,
            stays: this.stays.completed(),
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

  /** Ids of discharge routes, numbering (and resolving) any not met before. */
  private routeIds(routes: DischargeRoute[]): Int32Array {
    return Int32Array.from(routes, (route) => {
      let id = this.routeIdOf.get(route);
      if (id === undefined) {
        id = this.routes.length;
        this.routes.push({
          spec: route,
          to: route.to === undefined ? -1 : this.index(route.to),
          outOfArea:
            route.whenFull === "out_of_area" && route.outOfArea ? this.index(route.outOfArea) : -1,
          delayedMetric: this.layout.delayed.get(route.name) as number,
          delay: route.delay ? makeDistribution(route.delay.length) : undefined,
        });
        this.routeIdOf.set(route, id);
      }
      return id;
    });
  }

  /**
   * A person's own random stream, as an `Rng` for the distributions. One shared function
   * draws from whoever was named last, so no closure is made per person; use it at once.
   */
  private rngOf(person: number): Rng {
    this.rngPerson = person;
    return this.personalRng;
  }

  /** Adds to a count metric, named through `this.metric` (e.g. `this.metric.admissions`). */
  private count(metric: number, t: number, amount = 1): void {
    this.recorder.count(metric, t, amount);
  }

  // --- arrivals -------------------------------------------------------------------------

  /** An arrival of cohort `c`: from the base process, or (`extra`) beyond the unscaled rate. */
  private arrive(c: number, t: number, extra: boolean): void {
    const cohort = this.cohorts[c];
    const next = extra ? cohort.arrivals.nextExtra(t, this.end) : cohort.arrivals.next(t, this.end);
    if (next < this.end) this.queue.schedule(next, extra ? EXTRA_ARRIVAL : ARRIVAL, c);
    const routing = cohort.routing;
    const people = this.people;
    // Needs for the whole first episode come from the cohort's own streams, in arrival order
    // (this order is part of the streams' meaning: changing it changes every result). Extra
    // arrivals draw from streams of their own, so they do not shift anyone else's needs.
    const needs = (extra && cohort.extraNeeds) || cohort;
    const supportedAtHome = needs.routingRng.next() < routing.crisisTeamSupportAtHome;
    const offeredCrisisHouse = needs.routingRng.next() < routing.crisisHouseInsteadOfAdmission;
    const person = people.add(c);
    people.wardStay[person] = cohort.wardStay.sample(needs.stayRng);
    people.routeDraw[person] = needs.routingRng.next();
    people.delayDraw[person] = needs.routingRng.next();
    people.readmitDraw[person] = needs.readmissionRng.next();
    if (this.picuOutOfArea >= 0) people.picuDraw[person] = needs.picuRng.next();
    people.seedStream(person, needs.personRng.next());
    this.count(this.metric.arrivals, t);
    if (supportedAtHome) {
      this.count(this.metric.crisis_team_supported, t);
      return;
    }
    // Offered only where a crisis house takes this cohort; "turned away" means all were full.
    if (offeredCrisisHouse && cohort.crisisHouses.length > 0) {
      const house = this.freeCrisisHouse(c);
      if (house >= 0) {
        this.count(this.metric.crisis_house_admissions, t);
        this.place(person, house, this.services[house].stay?.sample(this.rngOf(person)) ?? 0, t);
        return;
      }
      this.count(this.metric.crisis_house_turned_away, t);
    }
    this.requestAcuteBed(person, t);
  }

  private readmit(person: number, t: number): void {
    const people = this.people;
    if (people.readmitAt[person] !== t) return;
    people.readmitAt[person] = Number.NaN;
    // A readmission ends whatever step-down or community place the person still holds.
    const state = people.state[person];
    if (state === State.InStay && people.at[person] >= 0) this.leave(person, t);
    else if (state === State.WaitingForPlace || state === State.DelayedExternally) return;
    const cohort = this.cohorts[people.cohort[person]];
    const rng = this.rngOf(person);
    people.wardStay[person] = cohort.wardStay.sample(rng);
    people.routeDraw[person] = rng();
    people.delayDraw[person] = rng();
    people.readmitDraw[person] = rng();
    // Not from the person's own stream, so that models without intensive care draw exactly as
    // before. Readmissions come in an order capacity can change, so this one need is paired
    // between scenarios less closely than the others.
    if (this.picuOutOfArea >= 0) people.picuDraw[person] = cohort.readmissionPicuRng.next();
    people.state[person] = State.Home;
    this.count(this.metric.readmissions_30d, t);
    this.requestAcuteBed(person, t);
  }

  // --- acute admission ------------------------------------------------------------------

  private requestAcuteBed(person: number, t: number): void {
    const people = this.people;
    const ward = this.freeWard(people.cohort[person]);
    if (ward >= 0) {
      this.admitLocally(person, ward, t);
    } else if (this.pathway.maxWaitForLocalBedDays > 0) {
      people.state[person] = State.WaitingForBed;
      people.waitingSince[person] = t;
      const deadline = t + this.pathway.maxWaitForLocalBedDays;
      people.waitDeadline[person] = deadline;
      this.acuteWaiting.push(person);
      this.recorder.change(this.layout.waiting, 1, t);
      this.queue.schedule(deadline, WAIT_TIMEOUT, person);
    } else {
      this.placeOutOfArea(person, t);
    }
  }

  /** The ward with the most free beds that takes the cohort, or -1. */
  private freeWard(c: number): number {
    return this.mostFree(this.cohorts[c].wards);
  }

  /** The crisis house with the most free beds that takes the cohort, or -1. */
  private freeCrisisHouse(c: number): number {
    return this.mostFree(this.cohorts[c].crisisHouses);
  }

  /** Of the given services, the one with the most free beds or places (first on ties), or -1. */
  private mostFree(candidates: number[]): number {
    let best = -1;
    let bestFree = 0;
    for (const i of candidates) {
      const free = this.services[i].capacity - this.services[i].occupied;
      if (free > bestFree) {
        best = i;
        bestFree = free;
      }
    }
    return best;
  }

  private admitLocally(person: number, ward: number, t: number): void {
    this.count(this.metric.admissions, t);
    this.count(this.metric.local_admissions, t);
    const people = this.people;
    this.recorder.count(this.layout.cohortAdmissions[people.cohort[person]], t);
    this.stays.admit(person, t);
    people.inpatient[person] = 1;
    const stay = people.wardStay[person] * this.cohorts[people.cohort[person]].stayFactor;
    this.place(person, ward, stay, t);
    this.planIntensiveCare(person, stay, t);
  }

  private placeOutOfArea(person: number, t: number): void {
    this.count(this.metric.admissions, t);
    this.count(this.metric.oap_admissions, t);
    const people = this.people;
    this.recorder.count(this.layout.cohortAdmissions[people.cohort[person]], t);
    this.recorder.count(this.layout.cohortOapAdmissions[people.cohort[person]], t);
    this.stays.admit(person, t);
    people.inpatient[person] = 1;
    const service = this.acuteOutOfArea;
    const stay =
      people.wardStay[person] *
      this.cohorts[people.cohort[person]].stayFactor *
      this.services[service].spec.stayMultiplier;
    this.place(person, service, stay, t);
    this.planIntensiveCare(person, stay, t);
  }

  private waitTimesOut(person: number, t: number): void {
    const people = this.people;
    if (people.state[person] !== State.WaitingForBed || people.waitDeadline[person] !== t) return;
    this.stopWaiting(person, t);
    this.placeOutOfArea(person, t);
  }

  private stopWaiting(person: number, t: number): void {
    const i = this.acuteWaiting.indexOf(person);
    this.acuteWaiting.splice(i, 1);
    this.recorder.change(this.layout.waiting, -1, t);
    const since = this.people.waitingSince[person];
    this.count(this.metric.waiting_days, t, t - since);
    if (t > since) this.count(this.metric.waited, t);
  }

  // --- stays ----------------------------------------------------------------------------

  /** Puts a person in a bed or place for `stay` days. */
  private place(person: number, service: number, stay: number, t: number): void {
    this.recorder.count(this.services[service].entriesMetric, t);
    this.occupy(person, service, t);
    const endsAt = t + stay;
    this.people.endsAt[person] = endsAt;
    this.queue.schedule(endsAt, STAY_END, person);
  }

  /** A person takes a bed or place (their stay's end is the caller's to set). */
  private occupy(person: number, service: number, t: number): void {
    const s = this.services[service];
    const people = this.people;
    s.occupied++;
    this.recorder.change(s.occupiedMetric, 1, t);
    people.at[person] = service;
    people.state[person] = State.InStay;
    this.spells?.enter(person, people.cohort[person], service, t);
    if (service === this.acuteOutOfArea)
      this.recorder.change(this.layout.cohortOutOfArea[people.cohort[person]], 1, t);
    if (s.isOutOfArea) {
      people.outOfAreaSlot[person] = s.placed.length;
      s.placed.push(person);
    }
  }

  /** Frees the bed or place a person holds, and lets others into it. */
  private leave(person: number, t: number): void {
    const people = this.people;
    const service = people.at[person];
    const s = this.services[service];
    s.occupied--;
    this.recorder.change(s.occupiedMetric, -1, t);
    if (service === this.acuteOutOfArea)
      this.recorder.change(this.layout.cohortOutOfArea[people.cohort[person]], -1, t);
    if (s.open > s.capacity) {
      // A bed due to close closes now that it is empty.
      s.open = Math.max(s.capacity, s.occupied);
      this.recorder.set(s.capacityMetric, s.open, t);
    }
    if (s.isOutOfArea) {
      const last = s.placed.pop() as number;
      if (last !== person) {
        const slot = people.outOfAreaSlot[person];
        s.placed[slot] = last;
        people.outOfAreaSlot[last] = slot;
      }
      people.outOfAreaSlot[person] = -1;
    }
    people.at[person] = -1;
    people.state[person] = State.Home;
    this.spells?.leave(person, t);
    this.fill(service, t);
  }

  private stayEnds(person: number, t: number): void {
    const people = this.people;
    if (people.state[person] !== State.InStay || people.endsAt[person] !== t) return;
    if (this.services[people.at[person]].isIntensiveCare) {
      this.stepDown(person, t);
      return;
    }
    if (!people.inpatient[person]) {
      // End of a crisis-house, community or rehabilitation stay: home.
      this.leave(person, t);
      return;
    }
    const cohort = this.cohorts[people.cohort[person]];
    const routeId = cohort.routeIds[pick(cohort.routeShares, people.routeDraw[person])];
    const route = this.routes[routeId];
    people.route[person] = routeId;
    const delay = route.spec.delay;
    if (delay && people.delayDraw[person] < delay.share * this.delayFactor) {
      this.spells?.delayed(person, t);
      const endsAt = t + (route.delay as Distribution).sample(this.rngOf(person));
      this.delayExternally(person, route, endsAt, t);
      return;
    }
    this.discharge(person, route, t);
  }

  private delayEnds(person: number, t: number): void {
    const people = this.people;
    if (people.state[person] !== State.DelayedExternally || people.endsAt[person] !== t) return;
    const route = this.routes[people.route[person]];
    this.recorder.change(route.delayedMetric, -1, t);
    this.recorder.change(this.layout.delayedIn[people.at[person]], -1, t);
    people.state[person] = State.InStay;
    this.discharge(person, route, t);
  }

  /** A person clinically ready to leave an inpatient bed goes on along their route. */
  private discharge(person: number, route: RouteState, t: number): void {
    if (route.to < 0) {
      this.leaveInpatientCare(person, route, t);
      return;
    }
    const d = this.services[route.to];
    if (d.capacity - d.occupied > 0 && d.accepts[this.people.cohort[person]]) {
      this.moveOn(person, route, route.to, t);
    } else if (route.spec.whenFull === "stay_in_bed") {
      this.people.state[person] = State.WaitingForPlace;
      this.spells?.delayed(person, t);
      d.waiting.push(person);
      this.recorder.change(route.delayedMetric, 1, t);
      this.recorder.change(this.layout.delayedIn[this.people.at[person]], 1, t);
      this.recorder.change(this.layout.waitingFor[route.to], 1, t);
    } else if (route.outOfArea >= 0) {
      const stay =
        (d.stay?.sample(this.rngOf(person)) ?? 0) *
        this.services[route.outOfArea].spec.stayMultiplier;
      this.leaveInpatientCare(person, route, t);
      this.place(person, route.outOfArea, stay, t);
    } else {
      this.leaveInpatientCare(person, route, t);
    }
  }

  /** Leaves the acute bed for a place in `destination`. */
  private moveOn(person: number, route: RouteState, destination: number, t: number): void {
    this.leaveInpatientCare(person, route, t);
    const d = this.services[destination];
    if (d.isCrisisHouse) this.count(this.metric.crisis_house_step_downs, t);
    this.place(person, destination, d.stay?.sample(this.rngOf(person)) ?? 0, t);
  }

  private leaveInpatientCare(person: number, route: RouteState, t: number): void {
    const people = this.people;
    people.inpatient[person] = 0;
    this.stays.discharge(person, people.cohort[person], t);
    // An intensive-care need still pending belongs to this episode, not a later one.
    if (this.picuOutOfArea >= 0) people.picuAt[person] = Number.NaN;
    this.count(this.metric.discharges, t);
    this.spells?.route(person, route.spec.name);
    this.leave(person, t);
    if (people.readmitDraw[person] < route.spec.readmissionWithin30Days) {
      const at = t + people.draw(person) * this.pathway.readmissionWindowDays;
      people.readmitAt[person] = at;
      this.queue.schedule(at, READMISSION, person);
    }
  }

  // --- freed capacity -------------------------------------------------------------------

  /** Fills free beds or places in a service: waiting people first, then repatriation. */
  private fill(service: number, t: number): void {
    const s = this.services[service];
    if (s.isOutOfArea || !this.anyoneToFill(s)) return;
    while (s.capacity - s.occupied > 0) {
      // Step-downs from intensive care first: they already hold a scarcer bed.
      if (s.isWard && this.stepDownWaiting.length > 0 && this.admitStepDown(service, t)) continue;
      if (s.isWard && this.admitWaiting(service, t)) continue;
      if (this.takeDelayedDischarge(service, t)) continue;
      if (this.repatriate(service, t)) continue;
      return;
    }
  }

  /**
   * Whether anyone could take a freed place in `s`: most beds free with nobody waiting
   * anywhere, and this saves the searches below on each of those discharges.
   */
  private anyoneToFill(s: ServiceState): boolean {
    return (
      s.waitingHead < s.waiting.length ||
      s.repatriateFrom.length > 0 ||
      (s.isWard && (this.acuteWaiting.length > 0 || this.stepDownWaiting.length > 0))
    );
  }

  private admitWaiting(ward: number, t: number): boolean {
    const accepts = this.services[ward].accepts;
    const cohortOf = this.people.cohort;
    for (const person of this.acuteWaiting) {
      if (!accepts[cohortOf[person]]) continue;
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
    const route = this.routes[this.people.route[person]];
    this.recorder.change(route.delayedMetric, -1, t);
    this.recorder.change(this.layout.delayedIn[this.people.at[person]], -1, t);
    this.recorder.change(this.layout.waitingFor[service], -1, t);
    this.people.state[person] = State.InStay;
    this.moveOn(person, route, service, t);
    return true;
  }

  /** Brings back the out-of-area patient with the most stay left, if it is worth the move. */
  private repatriate(service: number, t: number): boolean {
    const s = this.services[service];
    const people = this.people;
    let best = -1;
    let bestRemaining = 0;
    for (const o of s.repatriateFrom) {
      const outOfArea = this.services[o];
      for (const person of outOfArea.placed) {
        if (people.state[person] !== State.InStay || !s.accepts[people.cohort[person]]) continue;
        const remaining = (people.endsAt[person] - t) / outOfArea.spec.stayMultiplier;
        if (
          remaining >= this.pathway.repatriateIfRemainingDaysAtLeast &&
          remaining > bestRemaining
        ) {
          best = person;
          bestRemaining = remaining;
        }
      }
    }
    if (best < 0) return false;
    this.count(this.metric.repatriations, t);
    this.spells?.route(best, TRANSFER);
    const wasInpatient = people.inpatient[best];
    this.leave(best, t);
    people.inpatient[best] = wasInpatient;
    this.place(best, service, bestRemaining, t);
    return true;
  }

  // --- a starting census ---------------------------------------------------------------

  /**
   * Puts the census's people in their beds and places at the start, each with the rest of
   * their stay drawn given the days already spent, from a stream of their own (keyed by the
   * census row, not by cohort), so the arriving people's streams are untouched and two
   * scenarios with the same census meet the same people. They were admitted before the
   * start, so they count as no admission; those already delayed are settled once everyone
   * is in, as their route says; then free beds fill (repatriation) as they would at any time.
   */
  private startFromCensus(census: CensusPerson[], t: number): void {
    const people = this.people;
    const cohortIndex = new Map(this.pathway.cohorts.map((c, i) => [c.id, i]));
    const delayed: { person: number; daysDelayed: number; waitingFor?: string; rng: Rng }[] = [];
    for (const entry of census) {
      const c = cohortIndex.get(entry.cohort);
      if (c === undefined) throw new Error(`unknown cohort ${entry.cohort}`);
      const service = this.index(entry.service);
      const s = this.services[service];
      const cohort = this.cohorts[c];
      const rng = createStream(this.seed, "rep", this.replication, "census", entry.key);
      const person = people.add(c);
      people.routeDraw[person] = rng();
      people.delayDraw[person] = rng();
      people.readmitDraw[person] = rng();
      // Intensive care is planned at admission, which for these people is past.
      if (this.picuOutOfArea >= 0) people.picuDraw[person] = 1;
      people.seedStream(person, rng());
      const multiplier = s.spec.stayMultiplier;
      let stay: Distribution | undefined;
      if (s.isIntensiveCare && this.picuStay) {
        stay = this.picuStay;
        // The acute stay still to come after intensive care: a fresh draw of a ward stay (the
        // census says how long intensive care has lasted, not the acute stay before it).
        people.picuRemaining[person] = cohort.wardStay.sample(rng);
      } else if (s.isWard || service === this.acuteOutOfArea) stay = cohort.wardStay;
      else if (s.isOutOfArea) stay = this.localStayOf(s);
      else stay = s.stay;
      people.inpatient[person] =
        s.isIntensiveCare || s.isWard || service === this.acuteOutOfArea ? 1 : 0;
      const remaining = stay
        ? sampleRemaining(stay, entry.daysIn / multiplier, rng) * multiplier
        : 0;
      people.wardStay[person] = remaining;
      this.occupy(person, service, t);
      this.spells?.fromCensus(person, t - entry.daysIn, entry.key);
      if (people.inpatient[person]) this.stays.admit(person, t - entry.daysIn);
      if (entry.daysDelayed !== undefined && people.inpatient[person]) {
        delayed.push({ person, daysDelayed: entry.daysDelayed, waitingFor: entry.waitingFor, rng });
        continue;
      }
      const endsAt = t + remaining;
      people.endsAt[person] = endsAt;
      this.queue.schedule(endsAt, STAY_END, person);
    }
    for (const { person, daysDelayed, waitingFor, rng } of delayed)
      this.delayedAtStart(person, daysDelayed, waitingFor, rng, t);
    this.services.forEach((s, i) => {
      if (!s.isOutOfArea) this.fill(i, t);
    });
  }

  /** The local stay an out-of-area placement stands in for: that of a service it returns people to. */
  private localStayOf(s: ServiceState): Distribution | undefined {
    for (const id of s.spec.repatriateTo) {
      const stay = this.services[this.index(id)].stay;
      if (stay) return stay;
    }
    return s.stay;
  }

  /**
   * A census person already delayed: on one of their cohort's routes that can hold someone
   * (a delay outside the model, or waiting in bed for a full service), chosen by share; the
   * outside delay goes on for the rest of its length given the days already waited.
   */
  private delayedAtStart(
    person: number,
    daysDelayed: number,
    waitingFor: string | undefined,
    rng: Rng,
    t: number,
  ): void {
    const people = this.people;
    const cohort = this.cohorts[people.cohort[person]];
    const named = Array.from(cohort.routeIds).find(
      (id) => this.routes[id].spec.name === waitingFor,
    );
    if (named !== undefined) {
      this.holdAtStart(person, named, daysDelayed, rng, t);
      return;
    }
    const candidates = Array.from(cohort.routeIds).filter((id) => {
      const r = this.routes[id];
      return r.delay !== undefined || (r.to >= 0 && r.spec.whenFull === "stay_in_bed");
    });
    const ids = candidates.length > 0 ? candidates : Array.from(cohort.routeIds);
    const shares = cumulativeShares(ids.map((id) => this.routes[id].spec));
    this.holdAtStart(
      person,
      ids[pick(shares, people.routeDraw[person] * shares[shares.length - 1])],
      daysDelayed,
      rng,
      t,
    );
  }

  /** A census person delayed on `routeId`: an outside delay runs on, a full destination holds them. */
  private holdAtStart(person: number, routeId: number, daysDelayed: number, rng: Rng, t: number) {
    const people = this.people;
    const route = this.routes[routeId];
    people.route[person] = routeId;
    this.spells?.delayed(person, t - daysDelayed);
    if (route.delay) {
      this.delayExternally(person, route, t + sampleRemaining(route.delay, daysDelayed, rng), t);
      return;
    }
    this.discharge(person, route, t);
  }

  /** Holds a person in their bed, ready to leave, until an outside delay ends at `endsAt`. */
  private delayExternally(person: number, route: RouteState, endsAt: number, t: number): void {
    this.people.state[person] = State.DelayedExternally;
    this.people.endsAt[person] = endsAt;
    this.recorder.change(route.delayedMetric, 1, t);
    this.recorder.change(this.layout.delayedIn[this.people.at[person]], 1, t);
    this.queue.schedule(endsAt, DELAY_END, person);
  }

  // --- intensive care -------------------------------------------------------------------

  /** At an acute admission: whether, and when, this stay will need intensive care. */
  private planIntensiveCare(person: number, stay: number, t: number): void {
    const picu = this.pathway.picu;
    const people = this.people;
    if (!picu || people.picuDraw[person] >= this.cohorts[people.cohort[person]].routing.picuShare)
      return;
    // The need arises during the stay: at most half-way, so it never ties with its end.
    const at = t + Math.min(picu.afterDays, stay / 2);
    people.picuAt[person] = at;
    this.queue.schedule(at, PICU_NEED, person);
  }

  /** Moves an acute patient to a local PICU bed, or out of area when none is free. */
  private needIntensiveCare(person: number, t: number): void {
    const people = this.people;
    if (people.picuAt[person] !== t || people.state[person] !== State.InStay) return;
    people.picuAt[person] = Number.NaN;
    const acute = this.services[people.at[person]];
    // A stay of no length has already ended: there is no acute bed to move from.
    if (!acute.isWard && people.at[person] !== this.acuteOutOfArea) return;
    // The rest of the acute stay, in local days, to finish after stepping down.
    const multiplier = acute.isOutOfArea ? acute.spec.stayMultiplier : 1;
    people.picuRemaining[person] = (people.endsAt[person] - t) / multiplier;
    this.count(this.metric.picu_admissions, t);
    this.spells?.route(person, TRANSFER);
    this.leave(person, t);
    const local = this.mostFree(this.cohorts[people.cohort[person]].picus);
    const unit = local >= 0 ? local : this.picuOutOfArea;
    if (local < 0) this.count(this.metric.picu_oap_admissions, t);
    const stay = (this.picuStay as Distribution).sample(this.rngOf(person));
    this.place(person, unit, stay * this.services[unit].spec.stayMultiplier, t);
  }

  /** At the end of intensive care: back to a local acute bed, or wait in the PICU for one. */
  private stepDown(person: number, t: number): void {
    const ward = this.freeWard(this.people.cohort[person]);
    if (ward >= 0) {
      this.moveToAcuteBed(person, ward, t);
      return;
    }
    this.people.state[person] = State.WaitingForStepDown;
    this.stepDownWaiting.push(person);
    this.recorder.change(this.layout.picuStepDownWaiting, 1, t);
  }

  private admitStepDown(ward: number, t: number): boolean {
    const accepts = this.services[ward].accepts;
    const cohortOf = this.people.cohort;
    const waiting = this.stepDownWaiting;
    for (let i = 0; i < waiting.length; i++) {
      const person = waiting[i];
      if (!accepts[cohortOf[person]]) continue;
      waiting.splice(i, 1);
      this.recorder.change(this.layout.picuStepDownWaiting, -1, t);
      this.moveToAcuteBed(person, ward, t);
      return true;
    }
    return false;
  }

  private moveToAcuteBed(person: number, ward: number, t: number): void {
    this.count(this.metric.picu_step_downs, t);
    this.spells?.route(person, TRANSFER);
    this.leave(person, t);
    this.place(person, ward, this.people.picuRemaining[person], t);
  }

  // --- dated changes --------------------------------------------------------------------

  private applyChange(i: number, t: number): void {
    const change = this.pathway.changes[i];
    switch (change.kind) {
      case "capacity": {
        const service = this.index(change.service);
        const s = this.services[service];
        s.capacity = openAfter(s.capacity, change);
        // Beds close as they empty, so nobody is moved out and occupancy never exceeds the
        // beds open (the staffed-bed saving starts when each bed actually closes).
        s.open = Math.max(s.capacity, s.occupied);
        this.recorder.set(s.capacityMetric, s.open, t);
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
          c.routeIds = this.routeIds(c.routing.dischargeRoutes);
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
