import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../test/annotating.ts';
import { buildTestApp, type TestHarness } from '../test/test-app.ts';

/**
 * The live socket's Origin check over a real TCP connection: a handshake as a browser sends it (cookie + Origin),
 * answered 101 (open) or with the refusal's status. inject() is not used: the check must hold on the wire.
 */
let h: TestHarness;
let researcher: Person;
let projectId: string;
let port: number;
beforeAll(async () => {
  h = await buildTestApp({ config: { allowedSocketOrigins: ['https://console.example'] } });
  researcher = await h.user('researcher');
  projectId = (await h.project(researcher)).id;
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = (h.app.server.address() as AddressInfo).port;
});
afterAll(() => h.close());

/** Opens a WebSocket handshake; resolves with 101 when the server upgrades, else the HTTP status it answered. */
function handshake(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      // A fresh connection per handshake, as browsers open them (Node's keep-alive agent would reuse a refused one).
      agent: false,
      host: '127.0.0.1',
      port,
      path: `/api/projects/${projectId}/live`,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('live socket Origin check', () => {
  it("opens for a page of the server's own origin", async () => {
    expect(await handshake({ cookie: researcher.cookie, origin: `http://127.0.0.1:${port}` })).toBe(101);
  });

  it('refuses a page of another site even with the victim’s session cookie (cross-site WebSocket hijacking)', async () => {
    expect(await handshake({ cookie: researcher.cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await handshake({ cookie: researcher.cookie, origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await handshake({ cookie: researcher.cookie, origin: 'null' })).toBe(403);
  });

  it('refuses another origin before revealing whether the project exists', async () => {
    expect(await handshake({ origin: 'https://evil.example' })).toBe(403);
  });

  it('opens for an origin on the configured allow-list (WS_ALLOWED_ORIGINS)', async () => {
    expect(await handshake({ cookie: researcher.cookie, origin: 'https://console.example' })).toBe(101);
  });

  it('still checks who is asking when the origin is fine', async () => {
    expect(await handshake({ origin: `http://127.0.0.1:${port}` })).toBe(401);
  });
});
