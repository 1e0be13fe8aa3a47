import { CENSUS_FIELDS, type CensusRow } from "../data/census-on-date.js";
import { dayOffset } from "../model/calendar.js";
import { SERVICE_KINDS } from "../model/service-kinds.js";
import { InputError, type Problem, quote } from "./input-error.js";
import type { ModelInput, RunInput } from "./schema.js";
import type { Locator } from "./schema-problems.js";
import { closest } from "./suggest.js";
import { type FileRole, MAX_FILE_BYTES, refusalMessage, type TextFiles } from "./text-files.js";

/**
 * A starting census (`run.start_from: census.csv`): who is in each ward, out of area, in a
 * crisis house or a community place on the start date, and since when. One row a person:
 * person, cohort, service, admitted (a date on or before the start), and optionally
 * delayed_since (the date a delayed discharge began) and waiting_for (the discharge route a
 * delayed person waits on). Every mistake is reported at its
 * row and column, all of them at once (up to a limit), so a census is fixed in one pass.
 */
const REQUIRED = ["person", "cohort", "service", "admitted"];
/** More than this many problems are summed up in one last line. */
const MAX_PROBLEMS = 20;

const CENSUS_FILE: FileRole = {
  what: "a census CSV file",
  extension: ".csv",
  relativeTo: "the scenario file that names it",
};

/**
 * Reads and checks the census `file` (as the scenario wrote it: `written`) against the
 * model and the run. `locate` places problems with the `start_from` setting itself.
 */
export function readCensus(
  files: TextFiles,
  file: string,
  written: string,
  model: ModelInput,
  run: RunInput,
  locate: Locator,
): CensusRow[] {
  const text = files.read(file, MAX_FILE_BYTES);
  if (typeof text !== "string")
    throw new InputError([
      locate(["start_from"], refusalMessage(text, quote(written), CENSUS_FILE)),
    ]);
  if (run.warm_up_days > 0)
    throw new InputError([
      locate(
        ["warm_up_days"],
        `a starting census is the picture on the start date (${run.start}), so the run needs no warm-up; set warm_up_days: 0 or remove start_from`,
      ),
    ]);
  const problems: Problem[] = [];
  const at = (line: number, column: number | undefined, message: string) =>
    problems.push({ file, line, column, message });
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().replace(/^"(.*)"$/, "$1"));
  const column = new Map(header.map((h, i) => [h, i]));
  header.forEach((h, i) => {
    if (!(CENSUS_FIELDS as readonly string[]).includes(h)) {
      const near = closest(h, CENSUS_FIELDS);
      at(
        1,
        i + 1,
        `unknown column ${quote(h)} in the header row; ${near ? `did you mean "${near}"? ` : ""}the columns are ${CENSUS_FIELDS.join(", ")} (delayed_since and waiting_for may be left out)`,
      );
    }
  });
  for (const name of REQUIRED)
    if (!column.has(name))
      at(
        1,
        undefined,
        `the header row has no "${name}" column; the first row must name the columns ${CENSUS_FIELDS.join(", ")} (delayed_since and waiting_for may be left out)`,
      );
  if (problems.length > 0) throw new InputError(problems);

  const cohorts = new Set(model.cohorts.map((c) => c.id));
  // Acute and intensive-care patients, here or out of area: the ones whose discharge the
  // model can hold up (the others go home at the end of their stay).
  const delayable = (s: ModelInput["services"][number]) =>
    SERVICE_KINDS[s.kind].role === "acute" ||
    SERVICE_KINDS[s.kind].role === "intensive_care" ||
    s.id === model.pathway.out_of_area ||
    s.id === model.pathway.picu?.out_of_area;
  const services = new Map(model.services.map((s) => [s.id, s]));
  const seen = new Map<string, number>();
  const rows: CensusRow[] = [];
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line.trim() === "") continue;
    const cells = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    const row = i + 1;
    const cell = (name: string) => cells[column.get(name) ?? -1] ?? "";
    const col = (name: string) => (column.get(name) ?? 0) + 1;
    const bad = problems.length;
    const person = cell("person");
    if (person === "") at(row, col("person"), "the person is blank; give each person an id");
    else if (seen.has(person))
      at(
        row,
        col("person"),
        `person ${quote(person)} is also on row ${seen.get(person)}; each person appears once (the service they are in on the start date)`,
      );
    else seen.set(person, row);
    const cohort = cell("cohort");
    if (!cohorts.has(cohort)) {
      const near = closest(cohort, cohorts);
      at(
        row,
        col("cohort"),
        `unknown cohort ${quote(cohort)}; ${near ? `did you mean "${near}"? ` : ""}use one of the model's cohorts: ${[...cohorts].join(", ")}`,
      );
    }
    const serviceId = cell("service");
    const service = services.get(serviceId);
    if (!service) {
      const near = closest(serviceId, services.keys());
      at(
        row,
        col("service"),
        `unknown service ${quote(serviceId)}; ${near ? `did you mean "${near}"? ` : ""}use one of the model's services: ${[...services.keys()].join(", ")}`,
      );
    } else if (cohorts.has(cohort) && service.accepts && !service.accepts.includes(cohort))
      at(
        row,
        col("service"),
        `${serviceId} does not take the cohort ${cohort} (its accepts: list); check the service or the cohort`,
      );
    const admitted = dateIn(cell("admitted"), "admitted", run.start, (m) =>
      at(row, col("admitted"), m),
    );
    let delayedSince: string | undefined;
    if (column.has("delayed_since") && cell("delayed_since") !== "") {
      delayedSince = dateIn(cell("delayed_since"), "delayed_since", run.start, (m) =>
        at(row, col("delayed_since"), m),
      );
      if (delayedSince && admitted && delayedSince < admitted)
        at(
          row,
          col("delayed_since"),
          `the delay starts (${delayedSince}) before the admission (${admitted}); check the dates`,
        );
      if (delayedSince && service && !delayable(service))
        at(
          row,
          col("delayed_since"),
          `only acute and intensive-care patients (here or out of area) have delayed discharges in the model, and ${serviceId} is a ${SERVICE_KINDS[service.kind].label}; leave delayed_since blank here`,
        );
    }
    const waitingFor = column.has("waiting_for") ? cell("waiting_for") : "";
    if (waitingFor !== "") {
      const routes = routeNamesOf(model, cohort);
      if (delayedSince === undefined)
        at(
          row,
          col("waiting_for"),
          "waiting_for is the discharge route a delayed person waits on; give delayed_since too, or leave waiting_for blank",
        );
      else if (cohorts.has(cohort) && !routes.includes(waitingFor)) {
        const near = closest(waitingFor, routes);
        at(
          row,
          col("waiting_for"),
          `unknown discharge route ${quote(waitingFor)} for ${cohort}; ${near ? `did you mean "${near}"? ` : ""}use one of its routes: ${routes.join(", ")}`,
        );
      }
    }
    if (problems.length === bad && admitted)
      rows.push({
        person,
        cohort,
        service: serviceId,
        admitted,
        delayedSince,
        ...(waitingFor !== "" && { waitingFor }),
      });
  }
  // More people in a service than its beds or places cannot be placed: refuse, naming it.
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.service, (counts.get(r.service) ?? 0) + 1);
  for (const [id, n] of counts) {
    const s = services.get(id);
    if (!s || SERVICE_KINDS[s.kind].unit === "unlimited") continue;
    const capacity = s.beds ?? s.places ?? 0;
    if (n > capacity)
      at(
        1,
        undefined,
        `${n} people are in ${id} on the start date but it has ${capacity} ${s.beds !== undefined ? "beds" : "places"}; move the extra ${n - capacity} to an out-of-area service in the census, or correct the model's ${s.beds !== undefined ? "beds" : "places"}`,
      );
  }
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, {
      file,
      message: `... and ${more} more problem${more === 1 ? "" : "s"} in this census; fix those above and run again to see the rest`,
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return rows;
}

/** A YYYY-MM-DD date on or before the start, or undefined after saying what is wrong. */
function dateIn(
  text: string,
  what: string,
  start: string,
  fail: (message: string) => void,
): string | undefined {
  const time = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over into March: a real date prints back as written.
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(time) &&
    new Date(time).toISOString().startsWith(text);
  if (!valid) {
    fail(
      text === ""
        ? `the ${what} date is blank; write it as YYYY-MM-DD, e.g. 2025-03-14`
        : `${quote(text)} is not a date; write the ${what} date as YYYY-MM-DD, e.g. 2025-03-14`,
    );
    return undefined;
  }
  if (dayOffset(start, text) > 0) {
    fail(
      `the ${what} date ${text} is after the start date ${start}; a census lists people already in on the start date`,
    );
    return undefined;
  }
  return text;
}

/** The discharge routes a cohort's patients can leave by: its own, or else the pathway's. */
function routeNamesOf(model: ModelInput, cohort: string): string[] {
  const own = model.cohorts.find((c) => c.id === cohort)?.discharge_routes;
  return (own ?? model.pathway.discharge_routes).map((r) => r.route);
}
