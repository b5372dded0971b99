import { join } from 'node:path';

export interface NginxConfigPaths {
  readonly dir: string;
  readonly upstreamFile: string;
  readonly upstream: string;
  readonly port: number;
}

/**
 * A configuration for an unprivileged nginx: every path it writes (pid, logs, temp files) is in
 * the test's directory, one worker, in the foreground (the test owns the process), proxying
 * 127.0.0.1:<port> to the upstream the included file defines. No keepalive to clients, so each
 * request of a test is a fresh pick of the weighted round-robin.
 */
export function nginxConfig(paths: NginxConfigPaths): string {
  const at = (name: string): string => join(paths.dir, name);
  return [
    'worker_processes 1;',
    'daemon off;',
    'master_process on;',
    `pid ${at('nginx.pid')};`,
    `error_log ${at('error.log')} notice;`,
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${at('access.log')};`,
    `  client_body_temp_path ${at('client_body_temp')};`,
    `  proxy_temp_path ${at('proxy_temp')};`,
    `  fastcgi_temp_path ${at('fastcgi_temp')};`,
    `  uwsgi_temp_path ${at('uwsgi_temp')};`,
    `  scgi_temp_path ${at('scgi_temp')};`,
    '  keepalive_timeout 0;',
    `  include ${paths.upstreamFile};`,
    '  server {',
    `    listen 127.0.0.1:${paths.port};`,
    `    location / { proxy_pass http://${paths.upstream}; }`,
    '  }',
    '}',
    '',
  ].join('\n');
}
