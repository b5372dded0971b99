// The entry of the CommonJS bundle that the launcher compiles with a code cache (ADR 0028):
// CommonJS has no top-level await, so the run is started and not awaited.
import { runAndExit } from './run-and-exit.js';

void runAndExit(process.argv.slice(2));
