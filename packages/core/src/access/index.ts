export { isRole, roleRank, roles } from './roles.js';
export type { Role } from './roles.js';
export { actionMinimumRole, canPerform } from './can-perform.js';
export type { AccessAction, AccessDecision, AccessGrant, AccessTarget } from './can-perform.js';
