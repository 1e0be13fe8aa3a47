/**
 * SimPy on the loss system of loss-system.js, through bench/simpy-loss.py, when a Python with
 * SimPy is installed (SimPy 3/4, or Debian's python3-simpy, which is SimPy 2). The Python
 * tried first is $BEDSIM_PYTHON, then `python3` on the PATH, then /usr/bin/python3 (where
 * Debian's package installs, when the PATH's python3 is another one). `node bench/simpy-loss.js`
 * prints the result.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "simpy-loss.py");
const HAS_SIMPY =
  "import importlib.util as u, sys; sys.exit(0 if u.find_spec('simpy') or u.find_spec('SimPy') else 1)";

/** The first Python that can import SimPy, or undefined. */
export function pythonWithSimpy() {
  const candidates = [process.env.BEDSIM_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);
  for (const python of new Set(candidates)) {
    try {
      execFileSync(python, ["-c", HAS_SIMPY], { stdio: "ignore" });
      return python;
    } catch {
      // not there, or without SimPy: try the next
    }
  }
  return undefined;
}

/**
 * SimPy's best of `runs` on M/M/servers/servers with `arrivals` arrivals: the JSON line of
 * simpy-loss.py (events, seconds, events_per_second, blocking, erlang_b, simpy_version, python
 * version, ...) and the `interpreter` that ran it, or `{ skipped }` saying why there is none.
 */
export function simpyLoss({ servers, load, arrivals, runs = 3 }) {
  const python = pythonWithSimpy();
  if (!python) {
    return {
      skipped: "no python3 with SimPy found (apt-get install python3-simpy, or set BEDSIM_PYTHON)",
    };
  }
  const args = [script, "--servers", servers, "--load", load, "--arrivals", arrivals];
  let out;
  try {
    out = execFileSync(python, [...args, "--runs", runs].map(String), { encoding: "utf8" });
  } catch (error) {
    // Exit 1 is a blocking far from Erlang-B: its JSON line still says what was measured.
    if (error.status !== 1 || !error.stdout) throw error;
    out = error.stdout;
  }
  return { interpreter: python, ...JSON.parse(out.trim().split("\n").pop()) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(simpyLoss({ servers: 150, load: 140, arrivals: 2_000_000 })));
}
