/**
 * Reading a spell extract and its mapping from disk, for `calibrate` and `backtest`: every
 * problem in either, located and grouped, is an input error before anything is written.
 */
import path from "node:path";
import { DEFAULT_MAPPING, type ExtractMapping, readMapping } from "../data/extract-mapping.js";
import { readExtract } from "../data/read-extract.js";
import type { SpellExtract } from "../data/spell.js";
import { InputError } from "../scenario/input-error.js";
import { type FileRole, refusalMessage } from "../scenario/text-files.js";
import { YamlSource } from "../scenario/yaml-source.js";
import { nodeFiles } from "./node-files.js";

/** Extracts are larger than model files: 100,000 spells are about 10 MB. */
const MAX_EXTRACT_BYTES = 500 * 1024 * 1024;
const EXTRACT_FILE: FileRole = {
  what: "a spell extract (CSV)",
  extension: ".csv",
  relativeTo: "the folder you ran bedsim in",
};

export function readMappingFile(mappingFile: string | undefined): ExtractMapping {
  if (!mappingFile) return DEFAULT_MAPPING;
  const source = YamlSource.load(nodeFiles, path.resolve(mappingFile));
  const read = readMapping(source.data, (at, message) => source.problem(at, message));
  if (!read.ok) throw new InputError(read.problems);
  return read.mapping;
}

export function readExtractFile(extractFile: string, mapping: ExtractMapping): SpellExtract {
  const text = nodeFiles.read(path.resolve(extractFile), MAX_EXTRACT_BYTES);
  if (typeof text !== "string")
    throw InputError.at(
      undefined,
      text.refused === "too-large"
        ? `${extractFile} is larger than ${MAX_EXTRACT_BYTES / 1024 / 1024} MB; split the extract by period`
        : refusalMessage(text, extractFile, EXTRACT_FILE),
    );
  const read = readExtract(text, path.resolve(extractFile), mapping);
  if (!read.ok) throw new InputError(read.problems);
  return read.extract;
}
