import { z } from 'zod';
import { roles } from '@slipway/core';

/** The calling token as the API sees it: who the ledger names, and what it may do where. */
export const whoami = z.object({
  actor: z.string().describe('the ledger actor of changes made with this token: token:<id>'),
  role: z.enum(roles),
  services: z.array(z.string()).nullable().describe('null: every service'),
  environments: z.array(z.string()).nullable().describe('null: every environment'),
  tokenId: z.string(),
});

export type Whoami = z.infer<typeof whoami>;
