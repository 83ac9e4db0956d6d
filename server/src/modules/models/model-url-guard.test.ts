import { describe, expect, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import { createModelClient, ModelCallError } from './model-client.ts';
import { DEFAULT_MODEL_NETWORK_POLICY, type ModelNetworkPolicy, refuseAddress, refuseHost } from './model-url-guard.ts';

const open = DEFAULT_MODEL_NETWORK_POLICY;
const closed: ModelNetworkPolicy = { allowPrivate: false, allowHosts: [] };

describe('model URL guard (SSRF)', () => {
  it.each([
    '169.254.169.254',
    '169.254.170.2',
    '100.100.100.200',
    '0.0.0.0',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '64:ff9b::169.254.169.254',
    '::',
    '224.0.0.1',
  ])('always refuses the link-local, metadata or reserved address %s', (address) => {
    expect(refuseAddress(open, 'host', address)).toMatch(/link-local, metadata or reserved/);
  });

  it.each(['metadata.google.internal', 'METADATA.google.internal.', 'metadata.goog', 'instance-data'])(
    'refuses the metadata host name %s',
    (host) => {
      expect(refuseHost(open, host)).toMatch(/metadata host/);
    },
  );

  it('allows loopback and private networks by default (local vLLM, Ollama) and refuses them when configured', () => {
    for (const address of ['127.0.0.1', '::1', '10.1.2.3', '192.168.1.20', 'fd12::1', '::ffff:127.0.0.1']) {
      expect(refuseAddress(open, 'h', address)).toBeNull();
      expect(refuseAddress(closed, 'h', address)).toMatch(/loopback or private/);
    }
    expect(refuseAddress(closed, 'api.example.com', '93.184.216.34')).toBeNull();
  });

  it('lets through hosts, addresses and ranges listed in the allowlist', () => {
    const listed: ModelNetworkPolicy = {
      allowPrivate: false,
      allowHosts: ['169.254.10.0/24', 'gpu.internal', '10.0.0.5'],
    };
    expect(refuseAddress(listed, 'h', '169.254.10.7')).toBeNull();
    expect(refuseAddress(listed, 'h', '169.254.169.254')).not.toBeNull();
    expect(refuseAddress(listed, 'gpu.internal', '10.9.9.9')).toBeNull();
    expect(refuseAddress(listed, 'h', '10.0.0.5')).toBeNull();
    expect(refuseAddress(listed, 'h', '10.0.0.6')).not.toBeNull();
  });

  it('refuses metadata URLs at call time without opening a connection', async () => {
    for (const baseUrl of [
      'http://169.254.169.254/v1',
      'http://[fe80::1]/v1',
      'http://metadata.google.internal/v1',
      'http://2852039166/v1',
    ]) {
      const client = createModelClient(
        { baseUrl, model: 'm', apiKey: null, defaultParams: {} },
        { network: open, timeoutMs: 2000 },
      );
      const error = await client.complete({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelCallError);
      expect((error as ModelCallError).kind).toBe('refused');
    }
  });

  it('checks the address a host name resolves to when connecting (DNS rebinding), not only when saved', async () => {
    const server: OpenAICompatibleServer = await startOpenAICompatibleServer();
    try {
      // `localhost` resolves to loopback: refused under the closed policy at connection time, allowed under the open one.
      const url = server.url.replace('127.0.0.1', 'localhost');
      const refused = createModelClient(
        { baseUrl: url, model: 'm', apiKey: null, defaultParams: {} },
        { network: closed },
      );
      const error = await refused.complete({ messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect((error as ModelCallError).kind).toBe('refused');
      expect((error as ModelCallError).message).toMatch(/resolves to .*loopback or private/);
      expect(server.requests).toHaveLength(0);
      const allowed = createModelClient(
        { baseUrl: url, model: 'm', apiKey: null, defaultParams: {} },
        { network: open },
      );
      const [result] = await allowed.complete({ messages: [{ role: 'user', content: 'x' }] });
      expect(result?.text).toMatch(/^Answer to "x"/);
    } finally {
      await server.close();
    }
  });
});
