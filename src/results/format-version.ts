/**
 * Every result file (summary.json, compare.json, sweep.json, rightsize.json) says which
 * version of its shape it follows, in a top-level `format_version` written first, so that a
 * reader can tell a file it understands from one a newer bedsim wrote, and so that the field
 * is one line to strip when comparing outputs across versions.
 *
 * Raise FORMAT_VERSION when a shape changes in a way an older reader would misread (a field
 * removed, renamed or given another meaning); adding a field does not need it. Files written
 * before the field existed have none and are read as version 1.
 */
export const FORMAT_FIELD = "format_version";
export const FORMAT_VERSION = 1;

/** A result as its file's text (and --json's): the format version first, then `result`. */
export function resultJson(result: object): string {
  return `${JSON.stringify({ [FORMAT_FIELD]: FORMAT_VERSION, ...result }, null, 2)}\n`;
}
