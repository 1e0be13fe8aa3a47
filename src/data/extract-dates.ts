/**
 * Dates in spell extracts, as whole days since 1 January 1970 (UTC), so a stay is a
 * subtraction. Extracts come as ISO dates (2024-03-31, sometimes with a time after it) or as
 * UK dates (31/03/2024); anything else, or a day that does not exist, is refused.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: [0-9:.]+)?$/;
const MS_PER_DAY = 86_400_000;

export function parseExtractDate(text: string): number | undefined {
  const iso = ISO.exec(text);
  const uk = iso ? undefined : UK.exec(text);
  if (!iso && !uk) return undefined;
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(uk?.[3]), Number(uk?.[2]), Number(uk?.[1])];
  if (year < 1900 || year > 2200) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 30 February over into March; a rolled-over date is an impossible one.
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  )
    return undefined;
  return ms / MS_PER_DAY;
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Month of the year, 0 = January, of a day number. */
export function monthOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth();
}
