/**
 * Workbooks and Word files are zip archives, and their writers stamp every entry with the
 * time of writing; these are re-stamped with the run's own time, so the same result file
 * always gives the same bytes (and `bedsim report` redraws them unchanged).
 *
 * The archive is read and written here rather than through JSZip: JSZip deflates with pako,
 * JavaScript that starts cold in every process (about 60 ms for a two-replication run's
 * workbook, most of the time it takes to write), where Node's own zlib takes under 10 ms.
 * The same input gives the same bytes on the same Node; another Node's zlib may choose other
 * (equally valid) compressed bytes for the same contents.
 */
import zlib from "node:zlib";

/** A fixed moment for files without a run time: the format's own epoch is as good as any. */
const NO_TIME = new Date(Date.UTC(2000, 0, 1));
const CORE = "docProps/core.xml";
/** zlib's level: its default, as JSZip used. */
const LEVEL = 6;

/** Entry name → how to rewrite its text (e.g. ids a writer numbers process-wide). */
export type ZipEdits = Record<string, (text: string) => string>;

export async function stableZip(
  archive: Buffer | Uint8Array,
  at?: string,
  edits: ZipEdits = {},
): Promise<Buffer> {
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
  const entries = readZip(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
  for (const entry of entries) {
    const edit = all[entry.name];
    if (edit) entry.data = Buffer.from(edit(entry.data.toString("utf8")), "utf8");
  }
  // Every entry, folders too, carries the run's time, so nothing keeps the time of writing.
  return writeZip(entries, date);
}

/** One entry of an archive: its name, whether it is a folder, and its uncompressed bytes. */
export interface ZipEntry {
  name: string;
  folder: boolean;
  data: Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General-purpose flag: the name is UTF-8. */
const UTF8_NAME = 0x0800;

/**
 * The entries of a zip archive, in the order of its central directory. Enough of the format
 * for what docx and exceljs write: stored or deflated entries, no zip64, no encryption.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes, unless a comment follows it.
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END) end--;
  if (end < 0) throw new Error("not a zip archive: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error("a damaged zip central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff)
      throw new Error(`zip64 entry ${name} is not supported`);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`a damaged zip entry ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === STORED) data = Buffer.from(raw);
    else if (method === DEFLATED) data = zlib.inflateRawSync(raw);
    else throw new Error(`zip entry ${name} uses compression method ${method}`);
    if (data.length !== size) throw new Error(`zip entry ${name} has the wrong size`);
    entries.push({ name, folder: name.endsWith("/"), data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A zip archive of `entries` in their order, each deflated (folders stored) and dated `date`. */
export function writeZip(entries: ZipEntry[], date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const method = entry.folder ? STORED : DEFLATED;
    const body = entry.folder ? Buffer.alloc(0) : zlib.deflateRawSync(entry.data, { level: LEVEL });
    const crc = entry.folder ? 0 : crc32(entry.data);
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : UTF8_NAME;
    // The fields a local header and a central directory record share, from "version needed".
    const common = Buffer.alloc(26);
    common.writeUInt16LE(entry.folder ? 10 : 20, 0);
    common.writeUInt16LE(flags, 2);
    common.writeUInt16LE(method, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(day, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.length, 14);
    common.writeUInt32LE(entry.data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24); // no extra field
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL, 0);
    parts.push(local, common, name, body);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(0x0014, 4); // made by: MS-DOS, version 2.0
    common.copy(record, 6);
    // comment length, disk number, internal attributes: 0; external: the DOS folder bit.
    record.writeUInt32LE(entry.folder ? 0x10 : 0, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += 4 + common.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A moment as MS-DOS time and date fields (two-second steps), in UTC as JSZip wrote them. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** CRC-32 of a zip entry: zlib's where Node has it (20.15 on), else by table. */
function crc32(data: Buffer): number {
  // Looked up, not imported by name: Node 20 before 20.15 has no zlib.crc32.
  if (typeof zlib.crc32 === "function") return zlib.crc32(data) >>> 0;
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
