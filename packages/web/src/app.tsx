import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client.js';
import { AuditPage } from './audit/audit-page.js';
import { forgetToken, readToken, saveToken } from './auth/token-storage.js';
import { SignInForm } from './auth/sign-in-form.js';
import { CatalogPage } from './catalog/catalog-page.js';
import { ApiContext } from './layout/app-context.js';
import { ReleasePage } from './releases/release-page.js';
import { ServicePage } from './releases/service-page.js';
import type { Route } from './routing/route.js';
import { hrefOf } from './routing/route.js';
import { useHashRoute } from './routing/use-hash-route.js';

export function App(): ReactNode {
  const [token, setToken] = useState(() => readToken());
  const route = useHashRoute();
  const signOut = (): void => {
    forgetToken();
    setToken(null);
  };
  // A token revoked while signed in answers 401: back to the sign-in form.
  const api = useMemo(
    () =>
      token === null
        ? null
        : new ApiClient(token, async (input, init) => {
            const response = await fetch(input, init);
            if (response.status === 401) signOut();
            return response;
          }),
    [token],
  );
  useEffect(() => {
    document.title = `Slipway · ${titleOf(route)}`;
  }, [route]);
  if (api === null) {
    return (
      <SignInForm
        onSignedIn={(signedIn) => {
          saveToken(signedIn);
          setToken(signedIn);
        }}
      />
    );
  }
  return (
    <ApiContext.Provider value={api}>
      <header className="top">
        <a className="brand" href="#/">
          Slipway
        </a>
        <nav aria-label="Pages">
          <a
            href={hrefOf({ page: 'catalog' })}
            aria-current={route.page === 'catalog' ? 'page' : undefined}
          >
            Catalog
          </a>
          <a
            href={hrefOf({ page: 'audit' })}
            aria-current={route.page === 'audit' ? 'page' : undefined}
          >
            Audit
          </a>
        </nav>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>{pageOf(route)}</main>
    </ApiContext.Provider>
  );
}

function pageOf(route: Route): ReactNode {
  switch (route.page) {
    case 'catalog':
      return <CatalogPage />;
    case 'service':
      return <ServicePage service={route.service} />;
    case 'release':
      return <ReleasePage service={route.service} version={route.version} />;
    case 'audit':
      return <AuditPage />;
    case 'not-found':
      return (
        <p role="alert">
          No page at <code>{route.path}</code>. <a href="#/">Back to the catalog</a>
        </p>
      );
  }
}

function titleOf(route: Route): string {
  switch (route.page) {
    case 'catalog':
      return 'Catalog';
    case 'service':
      return route.service;
    case 'release':
      return `${route.service} ${route.version}`;
    case 'audit':
      return 'Audit';
    case 'not-found':
      return 'Not found';
  }
}
