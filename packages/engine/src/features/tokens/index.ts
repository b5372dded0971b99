export type { ApiToken, CreateTokenInput, CreatedToken, StoredApiToken } from './api-token.js';
export type { TokenStore } from './token-store.js';
export { KyselyTokenStore } from './kysely-token-store.js';
export { FakeTokenStore } from './fake-token-store.js';
export { hashTokenSecret, newTokenSecret, tokenPrefix } from './token-secret.js';
export { TokenService, createFakeTokenService, createTokenService } from './token-service.js';
export type { TokenServiceOptions } from './token-service.js';
export { checkTokenPerson, personEmail } from './token-person.js';
