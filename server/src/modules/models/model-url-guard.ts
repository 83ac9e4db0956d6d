import { BlockList, isIP } from 'node:net';

/**
 * Where model calls may go (SSRF guard). Model URLs are set by instance admins and workspace owners/admins only, but a
 * workspace admin is not an instance operator: they must not make the server fetch its cloud's instance metadata
 * (credentials) or anything else on link-local addresses.
 *
 * - Always refused, unless listed in `allowHosts`: link-local (169.254.0.0/16, fe80::/10, where AWS, GCP, Azure, Oracle
 *   and OpenStack serve metadata at 169.254.169.254 and ECS at 169.254.170.2), the other known metadata endpoints
 *   (AWS IPv6 fd00:ec2::254, Alibaba 100.100.100.200, hostnames like metadata.google.internal), unspecified,
 *   multicast and reserved addresses.
 * - Loopback and private networks (127/8, ::1, 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are allowed by
 *   default: local vLLM, Ollama (localhost:11434) and llama.cpp servers, or a GPU box on the LAN, are the main use of
 *   this feature. A hosted multi-tenant instance sets `allowPrivate: false` (FEEDBENCH_MODEL_ALLOW_PRIVATE=false).
 * - Checked when a URL is saved and again at every connection on the address actually connected to (a host that
 *   resolves elsewhere later, DNS rebinding, is caught there); redirects are never followed (guarded-fetch.ts).
 */
export interface ModelNetworkPolicy {
  allowPrivate: boolean;
  /** Host names, addresses or CIDR ranges let through whatever they are (e.g. a model served on a link-local address). */
  allowHosts: string[];
}

export const DEFAULT_MODEL_NETWORK_POLICY: ModelNetworkPolicy = { allowPrivate: true, allowHosts: [] };

const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
  'metadata.platformequinix.com',
]);

function blockList(ranges: [string, number, 'ipv4' | 'ipv6'][]) {
  const list = new BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return list;
}

/** Refused whatever the configuration says about private networks. */
const ALWAYS_REFUSED = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['100.100.100.200', 32, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fd00:ec2::254', 128, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

const PRIVATE = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
]);

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address, if any. */
function embeddedIPv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex?.[1] || !hex[2]) return undefined;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function allowListed(policy: ModelNetworkPolicy, host: string, address?: string): boolean {
  for (const entry of policy.allowHosts) {
    const [network, prefix] = entry.split('/');
    if (!network) continue;
    if (network.toLowerCase() === host || network === address) return true;
    const type = isIP(network);
    if (prefix && address && type && isIP(address) === type) {
      const list = new BlockList();
      list.addSubnet(network, Number(prefix), type === 4 ? 'ipv4' : 'ipv6');
      if (list.check(address, type === 4 ? 'ipv4' : 'ipv6')) return true;
    }
  }
  return false;
}

export function normaliseHost(hostname: string): string {
  // URL keeps IPv6 literals in brackets; a trailing dot names the same host.
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Why a host name may not be called (null: it may, pending where it resolves). */
export function refuseHost(policy: ModelNetworkPolicy, hostname: string): string | null {
  const host = normaliseHost(hostname);
  if (allowListed(policy, host)) return null;
  if (METADATA_HOSTS.has(host)) return `${host} is a cloud metadata host`;
  return null;
}

/** Why an address may not be connected to (null: it may). `host` is the name it was resolved from. */
export function refuseAddress(policy: ModelNetworkPolicy, host: string, address: string): string | null {
  const name = normaliseHost(host);
  if (allowListed(policy, name, address)) return null;
  const v4 = isIP(address) === 6 ? embeddedIPv4(address) : address;
  const [checked, type] = v4 && isIP(v4) === 4 ? [v4, 'ipv4' as const] : [address, 'ipv6' as const];
  if (ALWAYS_REFUSED.check(checked, type)) {
    return `${name} resolves to ${address}, a link-local, metadata or reserved address`;
  }
  if (!policy.allowPrivate && PRIVATE.check(checked, type)) {
    return `${name} resolves to ${address}, a loopback or private address (FEEDBENCH_MODEL_ALLOW_PRIVATE=false)`;
  }
  return null;
}
