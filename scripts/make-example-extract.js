/**
 * Writes the bundled SYNTHETIC extract, data/example-extract.csv, from the made-up figures in
 * src/calibrate/example-truth.ts (after a build): `npm run build && node scripts/make-example-extract.js`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXAMPLE_TRUTH } from "../dist/calibrate/example-truth.js";
import { syntheticExtract } from "../dist/calibrate/synthetic-extract.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { csv, spells } = syntheticExtract(EXAMPLE_TRUTH);
writeFileSync(path.join(root, "data", "example-extract.csv"), csv);
process.stdout.write(`Wrote data/example-extract.csv: ${spells} synthetic spells.\n`);
