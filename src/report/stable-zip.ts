/**
 * Workbooks and Word files are zip archives, and their writers stamp every entry with the
 * time of writing; these are re-stamped with the run's own time, so the same result file
 * always gives the same bytes (and `bedsim report` redraws them unchanged).
 */
import JSZip from "jszip";

/** A fixed moment for files without a run time: the format's own epoch is as good as any. */
const NO_TIME = new Date(Date.UTC(2000, 0, 1));
const CORE = "docProps/core.xml";

/** Entry name → how to rewrite its text (e.g. ids a writer numbers process-wide). */
export type ZipEdits = Record<string, (text: string) => string>;

/** The archive re-stamped, as a Node Buffer (for the Word writer). */
export async function stableZip(
  archive: Buffer | Uint8Array,
  at?: string,
  edits: ZipEdits = {},
): Promise<Buffer> {
  return Buffer.from(await stableZipBytes(archive, at, edits));
}

/** The archive re-stamped, as plain bytes: no Node Buffer, so a web page can make it too. */
export async function stableZipBytes(
  archive: Uint8Array,
  at?: string,
  edits: ZipEdits = {},
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(archive);
  const parsed = at ? new Date(at) : NO_TIME;
  const date = Number.isNaN(parsed.getTime()) ? NO_TIME : parsed;
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const all: ZipEdits = {
    ...edits,
    // The document's own created and modified times, which the writers also set to "now".
    [CORE]: (xml) =>
      (edits[CORE] ?? ((x: string) => x))(xml).replace(
        /(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<)/g,
        `$1${stamp}$2`,
      ),
  };
  for (const [name, edit] of Object.entries(all)) {
    const entry = zip.file(name);
    // createFolders: false, or JSZip adds folder entries stamped with the time of writing.
    if (entry) zip.file(name, edit(await entry.async("string")), { createFolders: false });
  }
  // Last, so that nothing written above keeps the time of writing.
  for (const entry of Object.values(zip.files)) entry.date = date;
  return zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}
