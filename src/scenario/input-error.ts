import path from "node:path";

/** One mistake in the user's files, located as precisely as we can. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * A mistake in the user's input (files or command line). The CLI prints these as plain
 * sentences and exits with code 2; anything else is a bug in bedsim.
 */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
  }

  static at(file: string | undefined, message: string, line?: number, column?: number): InputError {
    return new InputError([{ file, line, column, message }]);
  }
}

export function formatProblem(problem: Problem): string {
  if (!problem.file) return problem.message;
  const where = [displayPath(problem.file), problem.line, problem.column]
    .filter((x) => x !== undefined)
    .join(":");
  return `${where}: ${problem.message}`;
}

/** Paths are shown relative to where the user ran bedsim, as they typed them. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
