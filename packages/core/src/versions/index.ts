export type * from './version.js';
