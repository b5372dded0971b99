import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlipwayError } from '@slipway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsProvider } from '../../../src/adapters/metrics/create-metrics-provider.js';
import { WebMetricsProvider } from '../../../src/adapters/metrics/web-metrics-provider.js';

const document = {
  data: { ok: true, rate: 0.97, 'error-rate': 0.03 },
  items: [{ v: 1 }, { v: 2 }, { v: 3 }],
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/metrics.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(document));
      } else if (path === '/echo') {
        const body = await readBody(request);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            method: request.method,
            token: request.headers['x-token'] ?? null,
            body,
          }),
        );
      } else if (path === '/text') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('all good\n');
      } else if (path === '/broken') {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('backend down\n');
      } else if (path === '/silent') {
        // never answers
      } else {
        response.writeHead(404);
        response.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const provider = new WebMetricsProvider({ now: () => new Date('2026-01-02T03:04:05.000Z') });

describe('WebMetricsProvider against a local HTTP server', () => {
  it('measures the whole JSON document without a path', async () => {
    expect(await provider.measure({ web: { url: `${base}/metrics.json` } })).toEqual({
      value: document,
      measuredAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it.each([
    ['$.data.ok', true],
    ['$.data.rate', 0.97],
    ["$.data['error-rate']", 0.03],
    ['$.items[0].v', 1],
    ['$.items[-1].v', 3],
    ['$.items[*].v', [1, 2, 3]],
    ['$.items.*.v', [1, 2, 3]],
    ['$.missing[*]', []],
    ['{$.data.ok}', true],
  ])('selects %s', async (jsonPath, expected) => {
    const { value } = await provider.measure({ web: { url: `${base}/metrics.json`, jsonPath } });
    expect(value).toEqual(expected);
  });

  it('sends the method, headers and body of the source', async () => {
    const { value } = await provider.measure({
      web: {
        url: `${base}/echo`,
        method: 'POST',
        headers: { 'x-token': 'secret' },
        body: '{"service":"shop"}',
      },
    });
    expect(value).toEqual({ method: 'POST', token: 'secret', body: '{"service":"shop"}' });
  });

  it('fails with the URL when the path selects nothing', async () => {
    const failure = provider.measure({
      web: { url: `${base}/metrics.json`, jsonPath: '$.data.nope' },
    });
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND', subject: 'jsonPath' });
    await expect(failure).rejects.toThrow(
      `jsonPath $.data.nope selects nothing in the answer of web metric GET ${base}/metrics.json`,
    );
  });

  it('refuses an unsupported path before any request', async () => {
    await expect(
      provider.measure({ web: { url: 'http://127.0.0.1:1/never', jsonPath: '$..v' } }),
    ).rejects.toThrow('jsonPath "$..v" is not supported at position 1: recursive descent');
  });

  it('fails on an error status, a body that is not JSON, and a timeout, naming the URL', async () => {
    await expect(provider.measure({ web: { url: `${base}/broken` } })).rejects.toThrow(
      `web metric GET ${base}/broken failed: HTTP 503, backend down`,
    );
    await expect(provider.measure({ web: { url: `${base}/text` } })).rejects.toThrow(
      `web metric GET ${base}/text did not answer JSON: all good`,
    );
    const started = Date.now();
    const timeout = provider.measure({ web: { url: `${base}/silent`, timeoutSeconds: 0.2 } });
    await expect(timeout).rejects.toThrow(SlipwayError);
    await expect(timeout).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: `web metric GET ${base}/silent: timed out after 0.2 s`,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses other sources, a URL that is not http(s), and samples', async () => {
    await expect(provider.measure({ prometheus: { address: base, query: 'up' } })).rejects.toThrow(
      'the web metrics provider cannot measure a prometheus source',
    );
    await expect(provider.measure({ web: { url: 'file:///etc/passwd' } })).rejects.toThrow(
      'web metric url is not an http(s) URL: file:///etc/passwd',
    );
    await expect(provider.samples()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('is what createMetricsProvider uses for web sources', async () => {
    const metrics = createMetricsProvider();
    const { value } = await metrics.measure({
      web: { url: `${base}/metrics.json`, jsonPath: '$.data.rate' },
    });
    expect(value).toBe(0.97);
  });
});
