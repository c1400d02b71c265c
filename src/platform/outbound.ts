// Where the server may send requests on a business's behalf (webhooks today, messaging gateways later).
// An owner types the URL, so without a rule anyone with that right could make the server call its own
// network: the database port, a cloud metadata service (169.254.169.254), an admin page on localhost. By
// default only public addresses are reachable; a till on the shop's own network needs
// OUTBOUND_ALLOW_PRIVATE=true on a server the business runs itself.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b:1::', 48],
] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv6');

let allowPrivate = false;

/** Set once at start from OUTBOUND_ALLOW_PRIVATE (tests that run a receiver on 127.0.0.1 allow it too). */
export function configureOutbound(options: { allowPrivate: boolean }): void {
  allowPrivate = options.allowPrivate;
}

/** Whether an IP address (v4 or v6, including IPv4-mapped v6) is outside the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return NON_PUBLIC.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a URL may not be used as a destination, judged without the network (for the moment it is saved):
 * a scheme other than http(s), or a host that is literally a non-public address or "localhost".
 * Null when nothing is wrong so far; the addresses a name resolves to are checked when sending.
 */
export function destinationProblem(url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http or https';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must be a public address, not this server (localhost)';
  if (isIP(host) && isNonPublicAddress(host)) return `must be a public address, not ${host} (private, loopback or reserved)`;
  return null;
}

/**
 * Checks a destination just before a request: every address the host resolves to must be public. (A name
 * could resolve differently a moment later; the window is small, and closing it needs a custom socket
 * dispatcher — see docs/ledger.md, webhooks.)
 */
export async function assertPublicDestination(url: URL): Promise<void> {
  const problem = destinationProblem(url);
  if (problem) throw new Error(`destination ${problem}`);
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
  const bad = addresses.find((a) => isNonPublicAddress(a.address));
  if (bad) throw new Error(`destination ${host} resolves to ${bad.address}, which is not a public address`);
}
