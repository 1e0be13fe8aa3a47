/**
 * Writes the bundled SYNTHETIC extract, data/example-extract.csv: four years (April 2021 to
 * March 2025) of one simulated replication of the example model (scenarios/baseline.yaml, from
 * its usual warm-up, fixed seed), as hospital spells with the local codes of
 * data/example-mapping.yaml. No real person is in it. After a build:
 * `npm run example-extract`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { providerSpells } from "../dist/backtest/provider-spells.js";
import { rebaseArrivals } from "../dist/backtest/rebase-arrivals.js";
import { nodeFiles } from "../dist/cli/node-files.js";
import { parseExtractDate } from "../dist/data/extract-dates.js";
import { extractCsv } from "../dist/data/write-extract.js";
import { simulate } from "../dist/model/simulation.js";
import { SpellLog } from "../dist/model/spell-log.js";
import { loadScenario } from "../dist/scenario/load.js";
import { buildPathway } from "../dist/scenario/to-pathway.js";

const SEED = 20250331;
const FROM = "2021-04-01";
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const loaded = loadScenario(path.join(root, "scenarios", "baseline.yaml"), {
  files: nodeFiles,
  set: [`run.start=${FROM}`, "run.years=4", `run.seed=${SEED}`],
});
// The example's arrivals are as of its own start (April 2025): carried back to 2021 by growth.
const pathway = rebaseArrivals(buildPathway(loaded).pathway, "2025-04-01");
const log = new SpellLog();
simulate(pathway, SEED, 0, log);

const from = parseExtractDate(FROM);
const people = new Map();
const spells = providerSpells(log.spells, pathway)
  .filter((s) => s.discharged === undefined || s.discharged >= from)
  .sort((a, b) => a.admitted - b.admitted)
  .map((s, i) => {
    if (!people.has(s.personId))
      people.set(s.personId, `P${String(people.size + 1).padStart(7, "0")}`);
    return {
      ...s,
      spellId: `S${String(i + 1).padStart(7, "0")}`,
      personId: people.get(s.personId),
    };
  });

// The mapping read backwards: model id -> local code.
const mapping = parse(readFileSync(path.join(root, "data", "example-mapping.yaml"), "utf8"));
const reverse = (codes) =>
  Object.fromEntries(Object.entries(codes).map(([code, id]) => [id, code]));
const csv = extractCsv(
  spells,
  {
    cohorts: reverse(mapping.cohorts),
    wards: reverse(mapping.wards),
    routes: reverse(mapping.routes),
  },
  `SYNTHETIC spell extract: one simulated replication of bedsim's example model (seed ${SEED}); no real person is in it.`,
);
writeFileSync(path.join(root, "data", "example-extract.csv"), csv);
process.stdout.write(`Wrote data/example-extract.csv: ${spells.length} synthetic spells.\n`);
