/**
 * stable-zip.ts re-stamps the zip archives of results.xlsx and report.docx with the run's
 * time: the archive must open to the same entries, every one (folders too) stamped with that
 * time, and the same contents must give the same bytes whenever they were written.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { stableZip } from "../../src/report/stable-zip.js";

const CORE = `<?xml version="1.0"?><cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2031-05-06T07:08:09Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2031-05-06T07:08:09Z</dcterms:modified></cp:coreProperties>`;
/** Text that compresses, so a deflated entry is not trivially short. */
const SHEET = `<sheetData>${Array.from({ length: 500 }, (_, i) => `<row r="${i + 1}"><c><v>${i * 7}</v></c></row>`).join("")}</sheetData>`;

/** An archive as a writer makes one: JSZip, with folder entries and the time of writing. */
async function writerArchive(compression: "STORE" | "DEFLATE", date = new Date()): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>", { date });
  zip.file("docProps/core.xml", CORE, { date });
  zip.file("xl/worksheets/sheet1.xml", SHEET, { date });
  zip.file("xl/média/ünïcode.txt", "non-ASCII name", { date });
  return zip.generateAsync({ type: "nodebuffer", compression });
}

async function openWithJsZip(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.values(zip.files);
  const texts: Record<string, string> = {};
  for (const f of files) if (!f.dir) texts[f.name] = await f.async("string");
  return { names: files.map((f) => f.name), dates: files.map((f) => f.date.getTime()), texts };
}

describe("stableZip", () => {
  const at = "2030-01-02T03:04:06Z";

  for (const compression of ["STORE", "DEFLATE"] as const) {
    it(`re-stamps a ${compression === "STORE" ? "stored" : "deflated"} archive with the run's time, contents kept`, async () => {
      const input = await writerArchive(compression);
      const before = await openWithJsZip(input);
      const after = await openWithJsZip(await stableZip(input, at));
      expect(after.names).toEqual(before.names);
      // Folders too (JSZip added xl/ and xl/worksheets/ stamped with the time of writing).
      expect(after.names).toContain("xl/worksheets/");
      expect(new Set(after.dates)).toEqual(new Set([Date.parse(at)]));
      expect(after.texts["xl/worksheets/sheet1.xml"]).toBe(SHEET);
      expect(after.texts["xl/média/ünïcode.txt"]).toBe("non-ASCII name");
      expect(after.texts["docProps/core.xml"]).toBe(CORE.replaceAll("2031-05-06T07:08:09Z", at));
    });
  }

  it("gives the same bytes for the same contents, whatever time the writer stamped", async () => {
    const first = await writerArchive("DEFLATE", new Date(Date.UTC(2031, 4, 6, 7, 8, 10)));
    const second = await writerArchive("DEFLATE", new Date(Date.UTC(2031, 4, 6, 7, 9, 10)));
    expect(second.equals(first)).toBe(false);
    expect((await stableZip(second, at)).equals(await stableZip(first, at))).toBe(true);
  });

  it("compresses: a deflated entry is much smaller than its text", async () => {
    const bytes = await stableZip(await writerArchive("STORE"), at);
    expect(bytes.length).toBeLessThan(SHEET.length / 4);
  });

  it("applies edits to the named entries' text", async () => {
    const bytes = await stableZip(await writerArchive("STORE"), at, {
      "[Content_Types].xml": (xml) => xml.replace("<Types/>", "<Types></Types>"),
    });
    expect((await openWithJsZip(bytes)).texts["[Content_Types].xml"]).toBe("<Types></Types>");
  });

  it("stamps a fixed moment, not now, when there is no run time", async () => {
    const { dates } = await openWithJsZip(await stableZip(await writerArchive("STORE")));
    expect(new Set(dates)).toEqual(new Set([Date.UTC(2000, 0, 1)]));
  });
});
