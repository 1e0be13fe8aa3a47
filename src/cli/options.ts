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
