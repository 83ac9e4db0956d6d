import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { ModelCallError } from './model-call-error.ts';
import { type ModelNetworkPolicy, normaliseHost, refuseAddress, refuseHost } from './model-url-guard.ts';

// Keep-alive: a generation job makes thousands of calls to one endpoint; a TCP (and TLS) handshake each would cost more
// than the calls themselves against a local server. Sockets are checked when they connect (the lookup below).
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

function requestUrl(input: string | URL | Request): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

function headerRecord(headers: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * Checks the host name, then every address it resolves to, at connection time: the address checked is the address
 * connected to, so a name that resolved to a public address when the URL was saved and to 169.254.169.254 now
 * (DNS rebinding) is refused here.
 */
function guardedLookup(policy: ModelNetworkPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      for (const { address } of addresses) {
        const refusal = refuseAddress(policy, hostname, address);
        if (refusal) return callback(new ModelCallError('refused', refusal), '', 4);
      }
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} did not resolve`), '', 4);
      // Node asks for every address (autoSelectFamily) or for one, and expects the matching callback shape.
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/** Before any socket: scheme, credentials in the URL, metadata host names, and literal addresses (never looked up). */
export function refuseUrl(policy: ModelNetworkPolicy, url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs are refused (http or https)`;
  if (url.username || url.password) return 'credentials in the URL are refused: give the key as the API key';
  const host = normaliseHost(url.hostname);
  const hostRefusal = refuseHost(policy, host);
  if (hostRefusal) return hostRefusal;
  return isIP(host) ? refuseAddress(policy, host, host) : null;
}

/**
 * The `fetch` given to the openai client: node:http with the guarded lookup, redirects refused (a 3xx is an error:
 * following one would reach a host nobody checked), responses streamed back as web Responses.
 */
export function createGuardedFetch(policy: ModelNetworkPolicy) {
  const lookup = guardedLookup(policy);
  return (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = requestUrl(input);
    const refusal = refuseUrl(policy, url);
    if (refusal) return Promise.reject(new ModelCallError('refused', refusal));
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new Error('guarded fetch: only string or byte bodies are sent'));
    }
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    const transport = protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, {
        method: init.method ?? 'GET',
        headers: headerRecord(init.headers),
        agent: agents[protocol],
        lookup,
        signal: init.signal ?? undefined,
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          const location = response.headers.location ?? '(no location)';
          reject(
            new ModelCallError('refused', `the endpoint redirected (${status} to ${location}); redirects are refused`, {
              status,
            }),
          );
          return;
        }
        const headers = new Headers();
        for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
          headers.append(response.rawHeaders[i] as string, response.rawHeaders[i + 1] as string);
        }
        const stream = status === 204 ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status, statusText: response.statusMessage ?? '', headers }));
      });
      request.on('error', reject);
      request.end(body ?? undefined);
    });
  };
}
