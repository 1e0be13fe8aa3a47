import { InvalidArgumentError } from "commander";

/** Options several commands share. */
export interface CommonOptions {
  replications?: number;
  seed?: number;
  workers?: number;
  set?: string[];
}

/** --replications and --seed become ordinary `run.` overrides, so they are validated alike. */
export function runSettings(options: CommonOptions): string[] {
  const set = [...(options.set ?? [])];
  if (options.replications !== undefined) set.push(`run.replications=${options.replications}`);
  if (options.seed !== undefined) set.push(`run.seed=${options.seed}`);
  return set;
}

/**
 * The largest seed, the same as for `seed:` in a scenario's `run:` section (scenario/schema.ts).
 * Checked on the option itself: above 2^53 a typed number is silently rounded to another one.
 */
export const LARGEST_SEED = 2 ** 32 - 1;

export function wholeNumberOption(
  name: string,
  min: number,
  max?: { value: number; what: string },
) {
  return (value: string): number => {
    const n = Number(value);
    if (max && !(Number.isInteger(n) && n >= min && n <= max.value))
      throw new InvalidArgumentError(
        `${name} must be a whole number from ${min} to ${max.value.toLocaleString("en-GB")} (${max.what}).`,
      );
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}.`);
    return n;
  };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** "--precision 5%" (or "5") → 0.05. */
export function percentOption(name: string) {
  return (value: string): number => {
    const n = Number(value.trim().replace(/%$/, ""));
    if (!Number.isFinite(n) || n <= 0 || n >= 100)
      throw new InvalidArgumentError(`${name} must be a percentage between 0 and 100, e.g. 5%.`);
    return n / 100;
  };
}

/**
 * `--set a.b 24`, with a space for the `=`, leaves `24` a stray argument that commander reports
 * only as "too many arguments": the fix, when the arguments show that mistake (also for
 * `--set a.b = 24` and `--set a.b= 24`).
 */
export function straySetValueAdvice(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const inline = argv[i].startsWith("--set=");
    if (argv[i] !== "--set" && !inline) continue;
    const value = inline ? argv[i].slice("--set=".length) : argv[i + 1];
    let next = inline ? i + 1 : i + 2;
    if (value === undefined || (value.includes("=") && !value.endsWith("="))) continue;
    if (argv[next] === "=" && !value.includes("=")) next++;
    const stray = argv[next];
    if (stray === undefined || stray.startsWith("-")) continue;
    const path = value.replace(/=$/, "");
    const written = [value, ...argv.slice(inline ? i + 1 : i + 2, next + 1)].join(" ");
    return `--set ${written}: write --set ${path}=${stray.replace(/^=/, "")}, with no space around the "="`;
  }
  return undefined;
}

/** The worker count to use, and a note when more were asked for than there are cores. */
export function workersWithin(
  requested: number | undefined,
  cores: number,
): { workers: number | undefined; note?: string } {
  if (requested === undefined || requested <= cores) return { workers: requested };
  return {
    workers: cores,
    note: `--workers ${requested} is more than the ${cores} core${cores === 1 ? "" : "s"} of this computer, so bedsim uses ${cores} (more would only take turns and use more memory; results are the same for any number)`,
  };
}
