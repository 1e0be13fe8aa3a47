// File names handled as text, without node:path, so that the loader also runs in a web page.
// Both POSIX names ("/home/a/models/x.yaml", "models/x.yaml") and Windows ones
// ("C:\bedsim\models\x.yaml") are understood; a reader that knows its platform better
// (the CLI's, which uses node:path) resolves names itself (TextFiles.resolve).

/** Windows names start with a drive ("C:") or a share ("\\server"); they accept both slashes. */
const WINDOWS = /^(?:[A-Za-z]:|\\\\)/;

/** Where the last separator is: "/" only, or either slash in a Windows name. */
function lastSeparator(file: string): number {
  return WINDOWS.test(file)
    ? Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"))
    : file.lastIndexOf("/");
}

function isAbsolute(file: string): boolean {
  return file.startsWith("/") || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith("\\\\");
}

/** The last part of a name: "x.yaml" for "models/x.yaml". */
export function basename(file: string): string {
  return file.slice(lastSeparator(file) + 1);
}

/** The folder part of a name: "models" for "models/x.yaml", "." for "x.yaml". */
export function dirname(file: string): string {
  const at = lastSeparator(file);
  if (at < 0) return ".";
  const folder = file.slice(0, at);
  // "/x.yaml", "C:\x.yaml" and "\\server\share\x.yaml" sit in a root, which keeps its slash.
  if (folder === "" || /^(?:[A-Za-z]:|\\\\[^\\/]+[\\/][^\\/]+)$/.test(folder))
    return file.slice(0, at + 1);
  return folder;
}

/**
 * `name` as written in the file `namedIn`, which is relative to that file's folder (or kept as
 * given when `namedIn` is absent); "." and ".." are resolved so that one file has one name.
 */
export function resolveName(name: string, namedIn?: string): string {
  if (isAbsolute(name) || namedIn === undefined) return normalise(name);
  const folder = dirname(namedIn);
  return normalise(folder === "." ? name : `${folder}/${name}`);
}

/** Without "." parts, repeated slashes, or ".." after a folder; Windows names use "\". */
function normalise(file: string): string {
  const windows = WINDOWS.test(file);
  const root = (windows ? /^(?:[A-Za-z]:[\\/]?|\\\\)/ : /^\/?/).exec(file)?.[0] ?? "";
  const kept: string[] = [];
  for (const part of file.slice(root.length).split(windows ? /[\\/]/ : "/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && kept.length > 0 && kept[kept.length - 1] !== "..") kept.pop();
    // ".." above a root is the root itself; above a relative name it is kept.
    else if (part !== ".." || root === "") kept.push(part);
  }
  const joined = root.replace("/", windows ? "\\" : "/") + kept.join(windows ? "\\" : "/");
  return joined === "" ? "." : joined;
}

/**
 * A name as the person would type it from the folder they ran bedsim in: relative when the
 * file is inside that folder, else as it is. Without a working folder (a web page), as it is.
 */
export function fromWorkingFolder(file: string): string {
  const cwd = globalThis.process?.cwd?.();
  if (!cwd) return file;
  const separators = WINDOWS.test(cwd) ? ["\\", "/"] : ["/"];
  for (const sep of separators) {
    const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
    if (file.startsWith(prefix) && file.length > prefix.length) return file.slice(prefix.length);
  }
  return file;
}
