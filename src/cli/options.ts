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

export function wholeNumberOption(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
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
