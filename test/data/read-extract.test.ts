/** Reading a spell extract: dates, defaults, and bad rows grouped with counts and first lines. */
import { describe, expect, it } from "vitest";
import { parseExtractDate } from "../../src/data/extract-dates.js";
import { COLUMN_ROLES, readMapping } from "../../src/data/extract-mapping.js";
import { readExtract } from "../../src/data/read-extract.js";

const HEADER = Object.values(COLUMN_ROLES).join(",");
const mapping = {
  extractDate: parseExtractDate("2025-03-31"),
  columns: { ...COLUMN_ROLES },
  wards: { W1: "ward_one", OAP: "out_of_area" },
  cohorts: { M: "men" },
  routes: { "19": "home" },
  beds: {},
};
const row = (id: string, admitted: string, discharged: string, ward = "W1") =>
  `${id},P${id},${admitted},${discharged},M,${ward},${discharged ? "19" : ""},,,`;

describe("readExtract", () => {
  it("reads spells, open ones without a discharge, ISO and UK dates", () => {
    const text = [
      "# a comment line",
      HEADER,
      row("1", "2025-01-01", "2025-01-10"),
      row("2", "05/03/2025", ""),
    ].join("\n");
    const read = readExtract(text, "x.csv", mapping);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.extract.spells).toHaveLength(2);
    expect(read.extract.spells[1].discharged).toBeUndefined();
    expect(read.extract.spells[1].admitted).toBe(parseExtractDate("2025-03-05"));
  });

  it("groups bad rows by kind with a count and the first line and column", () => {
    const rows = [
      HEADER,
      row("1", "2025-01-10", "2025-01-01"),
      row("2", "2025-01-10", "2025-01-02"),
      row("3", "2025-02-30", ""),
      row("4", "2025-01-01", "", "W9"),
      row("4", "2025-01-01", ""),
    ];
    const read = readExtract(rows.join("\n"), "x.csv", mapping);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const messages = read.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(
      /^2:4: 2 rows have a discharge date before the admission date \(column DischDateHospProvSpell, first at line 2\)/,
    );
    expect(messages[1]).toMatch(/^4:3: 1 row has a date that is not a real date/);
    expect(messages[2]).toMatch(/^5:6: 1 row has a ward code the mapping does not list/);
    expect(messages[3]).toMatch(/^6:1: 1 row repeats a spell id/);
  });

  it("names missing columns and the ones it found", () => {
    const read = readExtract("a,b\n1,2\n", "x.csv", mapping);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.problems[0].message).toMatch(/no column "HospProvSpellID".*found are "a", "b"/);
  });
});

describe("readMapping", () => {
  it("locates unknown settings and bad dates", () => {
    const read = readMapping({ extract_date: "2025-02-30", wardz: {} }, (at, message) => ({
      message: `${at.join(".")}: ${message}`,
    }));
    expect(read.ok).toBe(false);
    if (!read.ok) {
      const text = read.problems.map((p) => p.message).join("\n");
      expect(text).toMatch(/extract_date: expected a real date/);
      expect(text).toMatch(/unknown setting "wardz"/);
    }
  });
});
