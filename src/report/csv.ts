/** CSV that opens cleanly in Excel: quoted where needed, CRLF line ends, no BOM surprises. */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const text = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
