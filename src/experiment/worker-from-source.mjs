// Starts worker.ts when bedsim runs from TypeScript source (tests, tsx); the built CLI starts
// worker.js directly. tsx is registered here because Node 20 does not apply `--import` hooks
// to a worker thread's entry module.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
