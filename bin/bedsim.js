#!/usr/bin/env node
// bedsim's command line. The TypeScript is compiled to dist/ by `npm install` (the prepare script).
import { existsSync } from "node:fs";
import module from "node:module";

// Node 22.1 and later keep the compiled code of the modules loaded (zod, yaml, exceljs, bedsim's
// own) in a cache on disk, so a second start skips compiling them. Node 20 has no such cache:
// there this does nothing.
module.enableCompileCache?.();

// A reader that stops early (`bedsim run ... --json | head -1`) closes the pipe: that is not a
// failure, so the rest of the output is dropped quietly instead of ending in a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    "bedsim: not built yet; run `npm install` (or `npm run build`) in the bedsim folder first.\n",
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
