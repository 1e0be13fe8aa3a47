import { fromWorkingFolder } from "./file-paths.js";

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
  const where = [plain(displayPath(problem.file)), problem.line, problem.column]
    .filter((x) => x !== undefined)
    .join(":");
  return `${where}: ${problem.message}`;
}

/** Where a problem is, as "file:line:col", or "the command line" when it names no file. */
export function position(problem: Problem): string {
  if (!problem.file) return "the command line";
  return formatProblem({ ...problem, message: "" }).replace(/: $/, "");
}

/** Paths are shown relative to where the user ran bedsim, as they typed them. */
export function displayPath(file: string): string {
  return fromWorkingFolder(file);
}

/** Text from the user's files, quoted for a message: escaped, and shortened when long. */
export function quote(text: string, max = 60): string {
  return `"${plain(text.length > max ? `${text.slice(0, max - 3)}...` : text)}"`;
}

/**
 * Control and direction-changing characters written as escapes (\n, \u001b), so that text
 * from a file keeps a message on one line and cannot restyle the terminal.
 */
export function plain(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.charCodeAt(0);
    const unsafe =
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (!unsafe) out += c;
    else if (c === "\n") out += "\\n";
    else if (c === "\t") out += "\\t";
    else if (c === "\r") out += "\\r";
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return out;
}
