/** Ordered from least to most trusted: a role may do everything the roles before it may. */
export const roles = ['viewer', 'developer', 'releaser', 'approver', 'admin'] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return roles.indexOf(role);
}
