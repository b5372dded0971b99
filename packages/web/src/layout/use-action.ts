import { useState } from 'react';

/**
 * A change made by a button: busy while it runs, its error kept to show (role=alert), and
 * `onDone` after it succeeds (usually: load the page's data again).
 */
export function useAction(onDone: () => void): {
  readonly busy: boolean;
  readonly error: string | null;
  readonly run: (action: () => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
