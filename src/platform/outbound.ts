// Where the server may send requests on a business's behalf (webhooks today, messaging gateways later).
// An owner types the URL, so without a rule anyone with that right could make the server call its own
// network: the database port, a cloud metadata service (169.254.169.254), an admin page on localhost. By
// default only public addresses are reachable; a till on the shop's own network needs
// OUTBOUND_ALLOW_PRIVATE=true on a server the business runs itself.
//
// The addresses are checked inside the connection's own name lookup (`outboundRequest`), not in a separate
// look-up beforehand: a name whose DNS answer changes between a check and the connection (DNS rebinding)
// would otherwise pass the check with a public address and then connect to 127.0.0.1 or 10.x.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv4');
// IPv4-mapped addresses (::ffff:0:0/96) are matched against the IPv4 list by BlockList itself; the
// IPv4-compatible (::/96), NAT64 (64:ff9b::/96), 6to4 and Teredo forms can also carry a private IPv4
// address to a gateway, so they are refused whole.
for (const [net, bits] of [
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv6');

let allowPrivate = false;

/** Set once at start from OUTBOUND_ALLOW_PRIVATE (tests that run a receiver on 127.0.0.1 allow it too). */
export function configureOutbound(options: { allowPrivate: boolean }): void {
  allowPrivate = options.allowPrivate;
}

/** Whether an IP address (v4 or v6, including IPv4-mapped v6) is outside the public internet. */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) says nothing about the address
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return NON_PUBLIC.check(mapped[1]!, 'ipv4');
  const family = isIP(bare);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return NON_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** How a host name becomes addresses; the system resolver unless a test injects another. */
export type Resolve = (host: string) => Promise<Array<{ address: string; family?: number }>>;
const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * Why a URL may not be used as a destination, judged without the network (for the moment it is saved):
 * a scheme other than http(s), or a host that is literally a non-public address or "localhost".
 * Null when nothing is wrong so far; the addresses a name resolves to are checked when connecting.
 */
export function destinationProblem(url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http or https';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (allowPrivate) return null;
  const host = bareHost(url);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must be a public address, not this server (localhost)';
  if (isIP(host) && isNonPublicAddress(host)) return `must be a public address, not ${host} (private, loopback or reserved)`;
  return null;
}

/** The addresses a name resolves to, all of them public (unless allowed), else an error saying which is not. */
async function checkedAddresses(host: string, resolve: Resolve, allow: boolean): Promise<LookupAddress[]> {
  const found = (await resolve(host)).map((a) => ({ address: a.address, family: a.family ?? isIP(a.address) }));
  const bad = allow ? undefined : found.find((a) => isNonPublicAddress(a.address));
  if (bad) throw new Error(`destination ${host} resolves to ${bad.address}, which is not a public address`);
  return found;
}

/**
 * A connection's name lookup that resolves once, refuses the name if any address is not public, and hands
 * the socket only what it checked — so the connection goes to an address that was checked.
 */
function checkedLookup(resolve: Resolve, allow: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    checkedAddresses(hostname, resolve, allow).then((found) => {
      const wanted = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
      const usable = wanted ? found.filter((a) => a.family === wanted) : found;
      if (usable.length === 0) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 0);
      } else if (options.all) callback(null, usable);
      else callback(null, usable[0]!.address, usable[0]!.family);
    }, (err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}

export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * Sends one request to a destination an owner chose, and answers with the status code (the body is not
 * read). The host's addresses are checked inside the connection's lookup, and the socket connects to
 * one of those very addresses; TLS still verifies the certificate against the host name. Redirects are
 * not followed (a 3xx is just a status: it could lead to an address the check did not see). A new
 * connection each time, so no kept-alive socket outlives the check (or a change of OUTBOUND_ALLOW_PRIVATE).
 * `resolve` and `ca` are for tests (and a private CA); production uses the system resolver and CAs.
 */
export function outboundRequest(url: URL, request: OutboundRequest, options: { resolve?: Resolve; ca?: string } = {}): Promise<{ status: number }> {
  const problem = destinationProblem(url);
  if (problem) return Promise.reject(new Error(`destination ${problem}`));
  const body = Buffer.from(request.body, 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(request.timeoutMs);
  return new Promise((resolvePromise, reject) => {
    const req = client.request({
      protocol: url.protocol, hostname: bareHost(url), port: url.port || undefined, path: `${url.pathname}${url.search}`,
      method: request.method, headers: { ...request.headers, 'content-length': String(body.length) },
      agent: false, signal, lookup: checkedLookup(options.resolve ?? systemResolve, allowPrivate),
      ...(options.ca !== undefined && { ca: options.ca }),
    }, (res) => {
      resolvePromise({ status: res.statusCode ?? 0 });
      res.destroy();
    });
    req.on('error', (e) => reject(signal.aborted ? new Error(`no answer within ${request.timeoutMs / 1000} s`) : e));
    req.end(body);
  });
}
