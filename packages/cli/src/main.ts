#!/usr/bin/env node
import { runAndExit } from './run-and-exit.js';

await runAndExit(process.argv.slice(2));
