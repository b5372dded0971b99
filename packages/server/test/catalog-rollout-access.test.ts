import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

const canary = { kind: 'canary', steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 100 }] };
const flagRouter = { kind: 'flag', flag: 'new-cart', stableVariant: 'old', canaryVariant: 'new' };
const commandRouter = { kind: 'command', command: ['/bin/sh', '-c', 'echo moved'] };
const nginxRouter = {
  kind: 'nginx',
  upstreamFile: 'upstreams/shop.conf',
  upstream: 'shop',
  stable: '127.0.0.1:8081',
  canary: '127.0.0.1:8082',
};
const forbidden = (on = '') => ({
  code: 'FORBIDDEN',
  message: `role admin needed for deployers.configure${on} (this token has role releaser)`,
});

describe.each(testDialects())('catalog rollout specs and deployers on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
  });

  const patchCart = async (token: string, payload: object) =>
    fixture.app.inject({
      method: 'PATCH',
      url: '/api/services/cart',
      headers: bearer(token),
      payload,
    });

  const read = async (name: string) =>
    fixture.app.inject({
      method: 'GET',
      url: `/api/services/${name}`,
      headers: bearer(fixture.viewer),
    });

  it('lets a releaser set a spec with a flag router, and returns the spec', async () => {
    const { app, releaser } = fixture;
    const rollout = { default: { strategy: canary, trafficRouter: flagRouter } };
    const added = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(releaser),
      payload: { name: 'cart', lifecycle: ['dev', 'prod'], rollout },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().rollout).toEqual(rollout);
    expect((await read('cart')).json().rollout).toEqual(rollout);
    const patched = await patchCart(releaser, {
      rollout: { environments: { prod: { strategy: canary } } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().rollout).toEqual({ environments: { prod: { strategy: canary } } });
  });

  it('refuses a releaser a command router or an nginx reload, and changes nothing', async () => {
    const { app, releaser } = fixture;
    const withCommand = {
      environments: { prod: { strategy: canary, trafficRouter: commandRouter } },
    };
    const added = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(releaser),
      payload: { name: 'shop', rollout: withCommand },
    });
    expect(added.statusCode).toBe(403);
    expect(added.json().error).toEqual(forbidden());
    expect((await read('shop')).statusCode).toBe(404);

    const before = (await read('cart')).json();
    const reload = { ...nginxRouter, reload: ['/bin/sh', '-c', 'echo reloaded'] };
    for (const rollout of [
      withCommand,
      { default: { strategy: canary, trafficRouter: reload } },
      // Any nginx router rewrites a file on the server and runs `nginx -s reload` there.
      { default: { strategy: canary, trafficRouter: nginxRouter } },
    ]) {
      const patched = await patchCart(releaser, { rollout });
      expect(patched.statusCode).toBe(403);
      expect(patched.json().error).toEqual(forbidden(' on service cart'));
    }
    expect((await read('cart')).json()).toEqual(before);
  });

  it('refuses a releaser a metric address the service does not name, but not steps around one', async () => {
    const { app, admin, releaser } = fixture;
    const analysed = (address: string, steps = canary.steps) => ({
      default: {
        strategy: { kind: 'canary', steps },
        templates: [
          {
            name: 'errors',
            metrics: [
              {
                name: 'rate',
                source: { prometheus: { address, query: 'rate(errors[1m])' } },
                successCondition: 'result[0] < 0.05',
              },
            ],
          },
        ],
      },
    });
    const added = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(releaser),
      payload: { name: 'probe', rollout: analysed('http://169.254.169.254/latest') },
    });
    expect(added.statusCode).toBe(403);
    expect(added.json().error).toEqual(forbidden());
    expect((await read('probe')).statusCode).toBe(404);

    const before = (await read('cart')).json();
    const toInternal = await patchCart(releaser, { rollout: analysed('http://10.0.0.1:9090') });
    expect(toInternal.statusCode).toBe(403);
    expect(toInternal.json().error).toEqual(forbidden(' on service cart'));
    expect((await read('cart')).json()).toEqual(before);

    // Once an admin has named the address, a releaser may change the steps around it.
    expect(
      (await patchCart(admin, { rollout: analysed('http://127.0.0.1:9090') })).statusCode,
    ).toBe(200);
    const edited = await patchCart(releaser, {
      rollout: analysed('http://127.0.0.1:9090', [{ setWeight: 50 }, { setWeight: 100 }]),
    });
    expect(edited.statusCode).toBe(200);
  });

  it('lets an admin set a command router and an nginx reload', async () => {
    const { admin } = fixture;
    const rollout = {
      default: {
        strategy: canary,
        trafficRouter: { ...nginxRouter, reload: ['nginx', '-s', 'reload'] },
      },
      environments: { prod: { strategy: canary, trafficRouter: commandRouter } },
    };
    const patched = await patchCart(admin, { rollout });
    expect(patched.statusCode).toBe(200);
    expect((await read('cart')).json().rollout).toEqual(rollout);
  });

  it("lets a releaser change the steps around an admin's routers, but not the routers", async () => {
    const { releaser } = fixture;
    const before = (await read('cart')).json();
    const { default: shared, environments } = before.rollout;
    const prod = environments.prod;
    const fewerSteps = { kind: 'canary', steps: [{ setWeight: 50 }, { setWeight: 100 }] };
    for (const rollout of [
      // The command router's argv changed, or moved to where it did not run.
      {
        default: shared,
        environments: {
          prod: { ...prod, trafficRouter: { ...commandRouter, command: ['/bin/true'] } },
        },
      },
      { default: shared, environments: { prod, dev: prod } },
      {
        default: { ...shared, trafficRouter: { ...nginxRouter, upstreamFile: '/etc/passwd' } },
        environments,
      },
    ]) {
      const refused = await patchCart(releaser, { rollout });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toEqual(forbidden(' on service cart'));
    }
    expect((await read('cart')).json()).toEqual(before);

    const kept = { default: shared, environments: { prod: { ...prod, strategy: fewerSteps } } };
    const edited = await patchCart(releaser, { rollout: kept });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().rollout).toEqual(kept);
    const removed = await patchCart(releaser, { rollout: { default: { strategy: canary } } });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().rollout).toEqual({ default: { strategy: canary } });
  });

  it('answers an invalid spec with 400 naming the field, whatever the token', async () => {
    const { releaser } = fixture;
    const invalid = await patchCart(releaser, {
      rollout: { default: { strategy: canary, trafficRouter: { kind: 'command' } } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/rollout\.default.*trafficRouter\.command/);
  });

  it('stores an argo-rollouts deployer set by an admin, and refuses it to a releaser', async () => {
    const { admin, releaser } = fixture;
    const deployer = {
      kind: 'argo-rollouts',
      image: 'ghcr.io/acme/cart',
      namespace: 'shop',
      replicas: 3,
      containerPort: 8080,
      services: { stable: 'cart-stable', canary: 'cart-canary' },
      kubectl: ['kubectl', '--context', 'prod'],
      manifestDir: 'manifests',
      timeoutSeconds: 60,
    };
    const refused = await patchCart(releaser, { deployer });
    expect(refused.statusCode).toBe(403);
    const set = await patchCart(admin, { deployer });
    expect(set.statusCode).toBe(200);
    expect(set.json().deployer).toEqual(deployer);
    expect((await read('cart')).json().deployer).toEqual(deployer);
    const badNamespace = await patchCart(admin, {
      deployer: { kind: 'argo-rollouts', namespace: 'Shop Floor' },
    });
    expect(badNamespace.statusCode).toBe(400);
    expect(badNamespace.json().error.message).toMatch(/deployer\.namespace/);
  });
});
