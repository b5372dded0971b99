/** The pasted API token lives in sessionStorage: gone when the tab closes, never in a cookie. */
const key = 'slipway.token';

export function readToken(storage: Storage = sessionStorage): string | null {
  const token = storage.getItem(key);
  return token === null || token.trim() === '' ? null : token;
}

export function saveToken(token: string, storage: Storage = sessionStorage): void {
  storage.setItem(key, token.trim());
}

export function forgetToken(storage: Storage = sessionStorage): void {
  storage.removeItem(key);
}
