// Where one of the loader's problems is in the editor's text: from its line and column (both
// counted from 1, as the CLI prints them) to the end of the word there, so the editor can
// underline the key or value the message is about.
import type { Problem } from "../../src/scenario/input-error.js";

/** The character range of `problem` in `text`; a problem with no line is at the start. */
export function problemRange(text: string, problem: Problem): { from: number; to: number } {
  const lines = text.split("\n");
  const line = problem.line ?? 1;
  if (line < 1 || line > lines.length) return { from: 0, to: Math.min(text.length, 1) };
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const column = Math.min(Math.max((problem.column ?? 1) - 1, 0), lines[line - 1].length);
  const rest = lines[line - 1].slice(column);
  const word = /^[^\s:,\]}]+/.exec(rest)?.[0].length ?? 0;
  const from = start + column;
  return { from, to: from + Math.max(word, rest.length > 0 ? 1 : 0) };
}
