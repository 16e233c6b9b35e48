/** `GET /healthz` → 200 for load balancers: the process is up and its HTTP server answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HEALTH_PATH = '/healthz';

export function healthHandler(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if ((req.url ?? '').split('?')[0] !== HEALTH_PATH) return false;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : '{"status":"ok"}');
  return true;
}
