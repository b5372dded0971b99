import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { ApiClient, ApiError } from '../api/api-client.js';

/** Checks the token against the API before keeping it, so a typo is told at once. */
export function SignInForm({
  onSignedIn,
}: {
  readonly onSignedIn: (token: string) => void;
}): ReactNode {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setChecking(true);
    setError(null);
    try {
      await new ApiClient(token.trim()).listServices();
      onSignedIn(token.trim());
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'the server did not answer');
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Slipway</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
        />
        <button type="submit" disabled={checking || token.trim() === ''}>
          Sign in
        </button>
        {error === null ? null : (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <p className="hint">
        <code>slipway serve</code> prints an admin token on its first start; create others with{' '}
        <code>slipway token create --role viewer</code>. The token is kept in this tab only.
      </p>
    </main>
  );
}
