/**
 * A model's arrivals a year are the rate on its scenario's start date, growing from there. A
 * back-test runs from another date, so each cohort's rate is carried there by its own growth:
 * the rate on any calendar day stays what the scenario says it is. Without this, a back-test
 * of a growing cohort two years before the start would run at the later, higher rate.
 */
import { DAYS_PER_YEAR, dayOffset } from "../model/calendar.js";
import type { Pathway } from "../model/pathway.js";

/** `pathway` (built to start on `scenarioStart`) with its arrivals as of its own start date. */
export function rebaseArrivals(pathway: Pathway, scenarioStart: string): Pathway {
  const years = dayOffset(scenarioStart, pathway.horizon.startDate) / DAYS_PER_YEAR;
  if (years === 0) return pathway;
  return {
    ...pathway,
    cohorts: pathway.cohorts.map((c) => ({
      ...c,
      arrivalsPerYear: c.arrivalsPerYear * (1 + c.growthPerYear) ** years,
    })),
  };
}
