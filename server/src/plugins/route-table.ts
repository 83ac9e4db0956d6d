import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
  websocket: boolean;
}

/**
 * Every route the app registers, collected as it is registered (onRoute), so the permission-matrix and fuzz tests
 * iterate the real route table: a route added without a rule in those tests fails them. Fastify's automatic HEAD
 * twins of GET routes are left out (they answer like the GET).
 */
export function collectRoutes(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, websocket: Boolean((route as { websocket?: boolean }).websocket) });
    }
  });
  return routes;
}
