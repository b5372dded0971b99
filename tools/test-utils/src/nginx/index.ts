export { nginxConfig } from './nginx-config.js';
export type { NginxConfigPaths } from './nginx-config.js';
export { nginxBinary, startNginx } from './start-nginx.js';
export type { RunningNginx, StartNginxOptions } from './start-nginx.js';
