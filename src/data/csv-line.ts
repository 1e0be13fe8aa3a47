/** Excel takes a file that starts with this as UTF-8 (without it, "£" reads as "Â£"). */
export const BYTE_ORDER_MARK = "\uFEFF";

/** One CSV line: cells quoted where they hold a comma, a quote or a line break. */
export function csvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((v) => {
      const text = String(v);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");
}
