export type * from './git-port.js';
