import { describe, expect, it } from 'vitest';
import { NginxTrafficRouter, parseNginxUpstream, renderNginxUpstream } from '../../../src/index.js';
import { rollout } from './traffic-test-context.js';

const config = { upstream: 'shop', stable: '127.0.0.1:8001', canary: '127.0.0.1:8002' };

describe('nginx upstream file', () => {
  it('leaves out the server that gets nothing at 0 and at 100', () => {
    expect(renderNginxUpstream(config, 0)).toContain(
      'upstream shop {\n    server 127.0.0.1:8001;\n}\n',
    );
    expect(renderNginxUpstream(config, 100)).toContain(
      'upstream shop {\n    server 127.0.0.1:8002;\n}\n',
    );
  });

  it('writes whole weights from 1, reduced (25% is 3:1, 12.5% is 7:1)', () => {
    expect(renderNginxUpstream(config, 25)).toContain(
      '    server 127.0.0.1:8001 weight=3;\n    server 127.0.0.1:8002 weight=1;\n',
    );
    expect(renderNginxUpstream(config, 12.5)).toContain('weight=7;');
    expect(renderNginxUpstream(config, 0.01)).toContain(
      'server 127.0.0.1:8001 weight=9999;\n    server 127.0.0.1:8002 weight=1;',
    );
  });

  it('reads back every weight it writes', () => {
    for (const weight of [0, 0.01, 1, 5, 12.5, 25, 33.33, 50, 66.67, 99.99, 100]) {
      expect(parseNginxUpstream(config, renderNginxUpstream(config, weight))).toBe(weight);
    }
  });

  it('reads hand-written blocks: down servers, default weights, comments', () => {
    const text = `# ours\nupstream other { server 10.0.0.1:1; }\nupstream shop {\n  server 127.0.0.1:8001 weight=1 max_fails=3; # stable\n  server 127.0.0.1:8002;\n}\n`;
    expect(parseNginxUpstream(config, text)).toBe(50);
    const down = 'upstream shop { server 127.0.0.1:8001; server 127.0.0.1:8002 down; }';
    expect(parseNginxUpstream(config, down)).toBe(0);
  });

  it('cannot tell the weight of a block with other servers, or without the upstream', () => {
    expect(parseNginxUpstream(config, 'upstream shop { server 10.1.1.1:80; }')).toBeUndefined();
    expect(parseNginxUpstream(config, 'upstream other { server 127.0.0.1:8001; }')).toBeUndefined();
    expect(parseNginxUpstream(config, 'upstream shop { keepalive 8; }')).toBeUndefined();
  });

  it('refuses names and addresses that would break or extend the configuration', () => {
    const make = (overrides: Partial<typeof config>): NginxTrafficRouter =>
      new NginxTrafficRouter({ upstreamFile: '/tmp/x.conf', ...config, ...overrides });
    expect(() => make({ upstream: 'shop; include /etc/passwd' })).toThrow(
      /trafficRouter\.upstream/,
    );
    expect(() => make({ stable: '127.0.0.1:8001; server evil:80' })).toThrow(
      /trafficRouter\.stable/,
    );
    expect(() => make({ canary: '127.0.0.1:70000' })).toThrow(/trafficRouter\.canary/);
    expect(() => make({ canary: config.stable })).toThrow(/must differ/);
    expect(() => make({ canary: 'unix:/run/canary.sock' })).not.toThrow();
    expect(() => make({ canary: '[::1]:8080' })).not.toThrow();
  });

  it('refuses weights outside 0–100 before touching the file', async () => {
    const router = new NginxTrafficRouter({ upstreamFile: '/nonexistent/dir/x.conf', ...config });
    for (const weight of [-1, 101, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(router.setWeight(weight, rollout)).rejects.toMatchObject({
        code: 'USAGE',
        subject: 'weight',
      });
    }
  });
});
