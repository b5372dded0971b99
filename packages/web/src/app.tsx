import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client.js';
import type { Session } from './api/session.js';
import { loadingSession, readSession } from './api/session.js';
import { ApprovalPage } from './approvals/approval-page.js';
import { ApprovalsPage } from './approvals/approvals-page.js';
import { OpenApprovalsCount } from './approvals/open-approvals-count.js';
import { AuditPage } from './audit/audit-page.js';
import { forgetToken, readToken, saveToken } from './auth/token-storage.js';
import { SignInForm } from './auth/sign-in-form.js';
import { CatalogPage } from './catalog/catalog-page.js';
import { FlagsPage } from './flags/flags-page.js';
import { ApiContext, SessionContext } from './layout/app-context.js';
import { TeamPage } from './metrics/team-page.js';
import { ReleasePage } from './releases/release-page.js';
import { ServicePage } from './releases/service-page.js';
import { RolloutPage } from './rollouts/rollout-page.js';
import { RolloutsPage } from './rollouts/rollouts-page.js';
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
  const [session, setSession] = useState<Session>(loadingSession);
  useEffect(() => {
    let current = true;
    setSession(loadingSession);
    if (api !== null && token !== null) {
      void readSession(api).then((read) => {
        if (current) setSession(read);
      });
    }
    return () => {
      current = false;
    };
  }, [api, token]);
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
      <SessionContext.Provider value={session}>
        <header className="top">
          <a className="brand" href="#/">
            Slipway
          </a>
          <nav aria-label="Pages">
            {navigation.map(([label, target]) => (
              <a
                key={label}
                href={hrefOf(target)}
                aria-current={sectionOf(route) === target.page ? 'page' : undefined}
              >
                {label}
                {target.page === 'approvals' ? <OpenApprovalsCount /> : null}
              </a>
            ))}
          </nav>
          {session.role === null ? null : <span className="role">{session.role}</span>}
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </header>
        <main>{pageOf(route)}</main>
      </SessionContext.Provider>
    </ApiContext.Provider>
  );
}

const navigation: readonly (readonly [string, Route])[] = [
  ['Catalog', { page: 'catalog' }],
  ['Approvals', { page: 'approvals' }],
  ['Rollouts', { page: 'rollouts' }],
  ['Flags', { page: 'flags' }],
  ['Audit', { page: 'audit' }],
];

/** The navigation entry a page belongs to. */
function sectionOf(route: Route): Route['page'] {
  switch (route.page) {
    case 'service':
    case 'release':
    case 'team':
      return 'catalog';
    case 'approval':
      return 'approvals';
    case 'rollout':
      return 'rollouts';
    default:
      return route.page;
  }
}

function pageOf(route: Route): ReactNode {
  switch (route.page) {
    case 'team':
      return <TeamPage team={route.team} />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'approval':
      return <ApprovalPage id={route.id} />;
    case 'flags':
      return <FlagsPage service={route.service} environment={route.environment} />;
    case 'rollouts':
      return <RolloutsPage />;
    case 'rollout':
      return <RolloutPage id={route.id} />;
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
    case 'team':
      return route.team;
    case 'approvals':
      return 'Approvals';
    case 'approval':
      return `Change request ${route.id}`;
    case 'flags':
      return ['Flags', route.service, route.environment].filter((x) => x !== undefined).join(' ');
    case 'rollouts':
      return 'Rollouts';
    case 'rollout':
      return `Rollout ${route.id}`;
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
