export { startDemoService, type DemoService, type DemoServiceOptions } from './demo-service.js';
export { startLoadLoop, type LoadLoop, type LoadLoopOptions, type LoadTally } from './load-loop.js';
