/**
 * Writes a folder with a fixed name atomically, replacing an earlier one (a calibration
 * report beside its model): every file goes into a hidden temporary folder beside the target,
 * which is renamed into place only when all are written. If anything fails, the temporary
 * folder is removed and an earlier folder of that name is left as it was.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type FolderFiles, type FolderSystem, OutputFolderError } from "./results-folder.js";

const NODE_SYSTEM: FolderSystem = {
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  writeFile: (file, contents) => writeFileSync(file, contents),
};

let lastStamp = 0;

export function replaceFolder(
  target: string,
  files: FolderFiles,
  system: FolderSystem = NODE_SYSTEM,
): void {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${lastStamp}.partial`,
  );
  const aside = `${temporary}-replaced`;
  try {
    system.mkdir(temporary);
    for (const [file, contents] of Object.entries(files)) {
      const at = path.join(temporary, file);
      system.mkdir(path.dirname(at));
      system.writeFile(at, contents);
    }
    const replacing = existsSync(target);
    if (replacing) renameSync(target, aside);
    try {
      renameSync(temporary, target);
    } catch (error) {
      if (replacing) renameSync(aside, target);
      throw error;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new OutputFolderError(
      `could not write the calibration report in "${target}" (${(error as Error).message}), so nothing was written; check that you can write there, and that the disk has room, and run it again.`,
      1,
    );
  } finally {
    rmSync(temporary, { recursive: true, force: true });
    rmSync(aside, { recursive: true, force: true });
  }
}
