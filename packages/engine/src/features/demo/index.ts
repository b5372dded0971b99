export { seedDemo, seedDemoDatabase } from './demo-seed.js';
export type { DemoSeedOptions, DemoSeedReport } from './demo-seed.js';
export { demoFix, demoRepositoryPrefix, demoServices } from './demo-catalog.js';
export type { DemoService } from './demo-catalog.js';
