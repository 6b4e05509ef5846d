/** The emulator: a local HelpCrunch (the package entry `hcql/emulator` is src/emulator.ts). */

export type { SortKey } from "../language/index.js";
export { FIRST_ANCHOR } from "./anchor.js";
export type { ChatRecord, Dataset } from "./dataset.js";
export { lastTouched, toApiChat } from "./dataset.js";
export {
  DatasetError,
  datasetFileParts,
  datasetFileText,
  parseDataset,
  parseRecord,
  serializeDataset,
} from "./dataset-file.js";
export { TAG_VOCABULARY } from "./demo-tables.js";
export type { ApiError } from "./errors.js";
export type { GenerateOptions } from "./generate.js";
export { generateDataset } from "./generate.js";
export { Random } from "./random.js";
export type { SearchResult } from "./search.js";
export { compareRecords, matches, matchesAll, search } from "./search.js";
export type { Emulator, EmulatorOptions, FaultKind, RequestLogEntry } from "./server.js";
export { FAULT_KINDS, MAX_BODY_BYTES, startEmulator } from "./server.js";
export type { Criterion, SearchRequest, Validation } from "./validate.js";
export { validateListQuery, validateSearchBody } from "./validate.js";
