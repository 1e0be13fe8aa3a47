import { describe, expect, it } from "vitest";
import {
  ALL_CHANGE_ACTIONS,
  actionKind,
  CHANGE_ACTIONS,
  capacityAfter,
  capacityChangeOf,
  openAfter,
} from "../../src/model/dated-changes.js";
import { EVENT_KINDS, RANK_OF_EVENT, SAME_INSTANT } from "../../src/model/event-kinds.js";
import {
  KPI_DEFINITIONS,
  kpiDefinition,
  kpiParts,
  partKpi,
} from "../../src/model/kpi-definitions.js";
import { summariseReplication } from "../../src/model/outcomes.js";
import { SERVICE_KIND_NAMES, SERVICE_KINDS, serviceKind } from "../../src/model/service-kinds.js";
import { simulate } from "../../src/model/simulation.js";
import { service } from "../../src/scenario/schema.js";
import { oneWardPathway } from "./one-ward-pathway.js";

describe("service kinds", () => {
  it("the schema accepts exactly the kinds in the table", () => {
    for (const kind of SERVICE_KIND_NAMES)
      expect(service.safeParse({ id: "s", kind }).success, kind).toBe(true);
    expect(service.safeParse({ id: "s", kind: "picnic" }).success).toBe(false);
  });

  it("unlimited services are costed by the day and are the only out-of-area role", () => {
    for (const kind of SERVICE_KIND_NAMES) {
      const info = SERVICE_KINDS[kind];
      expect(info.unit === "unlimited", kind).toBe(info.role === "out_of_area");
      if (info.unit === "unlimited") expect(info.costedPer).toBe("day");
      else expect(info.costedPer).toBe(info.unit);
    }
  });

  it("a name that is not a kind reads as undefined, not as an inherited property", () => {
    expect(serviceKind("toString")).toBeUndefined();
    expect(serviceKind("ward")?.role).toBe("acute");
  });
});

describe("dated changes", () => {
  it("every action belongs to exactly one kind of change", () => {
    for (const action of ALL_CHANGE_ACTIONS) {
      const kinds = Object.entries(CHANGE_ACTIONS).filter(([, actions]) =>
        (actions as readonly string[]).includes(action),
      );
      expect(kinds.map(([k]) => k)).toEqual([actionKind(action)]);
    }
  });

  it("capacity actions add, remove or set, and open capacity never goes below none", () => {
    expect(capacityChangeOf({ close_beds: 10 })).toEqual({ add: -10 });
    expect(capacityChangeOf({ open_beds: 3, close_beds: 1 })).toEqual({ add: 2 });
    expect(capacityChangeOf({ add_places: 4, remove_places: 6 })).toEqual({ add: -2 });
    expect(capacityChangeOf({ set_beds: 12, close_beds: 3 })).toEqual({ set: 12 });
    expect(capacityAfter(5, { add: -8 })).toBe(-3);
    expect(openAfter(5, { add: -8 })).toBe(0);
    expect(openAfter(5, { set: 9 })).toBe(9);
  });
});

describe("event kinds", () => {
  it("each kind has its own number and the documented same-instant order", () => {
    const codes = Object.values(EVENT_KINDS).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(RANK_OF_EVENT[EVENT_KINDS.CHANGE.code]).toBe(SAME_INSTANT.CHANGES);
    expect(RANK_OF_EVENT[EVENT_KINDS.STAY_END.code]).toBeLessThan(
      RANK_OF_EVENT[EVENT_KINDS.ARRIVAL.code],
    );
    expect(RANK_OF_EVENT[EVENT_KINDS.ARRIVAL.code]).toBeLessThan(
      RANK_OF_EVENT[EVENT_KINDS.WAIT_TIMEOUT.code],
    );
    expect(Math.max(...RANK_OF_EVENT)).toBe(RANK_OF_EVENT[EVENT_KINDS.END.code]);
  });
});

describe("KPI registry", () => {
  it("every KPI a replication reports has a definition of its own", () => {
    const pathway = oneWardPathway({
      beds: 5,
      arrivalsPerYear: 100,
      wardStay: { distribution: "exponential", mean: 20 },
      warmUpDays: 0,
      days: 365,
    });
    const outcome = summariseReplication(pathway, simulate(pathway, 1, 0));
    for (const name of Object.keys(outcome.kpis))
      expect(kpiDefinition(name).description, name).not.toBe(name);
  });

  it("part KPIs are named and read back in one way", () => {
    const name = partKpi("cost", "oakwood_ward");
    expect(name).toBe("cost.oakwood_ward");
    expect(kpiParts(name)).toEqual({ family: "cost", id: "oakwood_ward" });
    expect(kpiParts("total_cost")).toBeUndefined();
    expect(kpiParts("unknown.thing")).toBeUndefined();
    expect(kpiDefinition(partKpi("delayed_discharge_bed_days", "rehab")).format).toBe("days");
    expect(KPI_DEFINITIONS.total_cost.fromCosts).toBe(true);
  });
});
