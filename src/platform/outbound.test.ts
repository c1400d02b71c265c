import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureOutbound, destinationProblem, isNonPublicAddress, outboundRequest, type Resolve } from './outbound.js';

afterEach(() => configureOutbound({ allowPrivate: false }));

// A self-signed certificate for hooks.regulars.test (EC P-256, valid until 2126), only for these tests.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAePp5WLkUsoDbTSv
pi9mgFh0o5Kv3oPX2yHPbB95f06hRANCAATznH19/l3hz1n7RqDxp50fy0RFI7Zc
ZFpGWr4H4mOIJQxZCUiOQVBqlvD1+C4aXxoBU018P0nl58jMDvlEhHGY
-----END PRIVATE KEY-----
`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBsjCCAVmgAwIBAgIUb6L+w3aUyGXW/ArT8vRxeZLe2DowCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTaG9va3MucmVndWxhcnMudGVzdDAgFw0yNjExMjIyMjA4MjFa
GA8yMTI2MTAyOTIyMDgyMVowHjEcMBoGA1UEAwwTaG9va3MucmVndWxhcnMudGVz
dDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPOcfX3+XeHPWftGoPGnnR/LREUj
tlxkWkZavgfiY4glDFkJSI5BUGqW8PX4LhpfGgFTTXw/SeXnyMwO+USEcZijczBx
MB0GA1UdDgQWBBQ7PkoSRFVMSaJwOLNWSosZlcG8uDAfBgNVHSMEGDAWgBQ7PkoS
RFVMSaJwOLNWSosZlcG8uDAPBgNVHRMBAf8EBTADAQH/MB4GA1UdEQQXMBWCE2hv
b2tzLnJlZ3VsYXJzLnRlc3QwCgYIKoZIzj0EAwIDRwAwRAIgUJ+oPFpNLT0OTmAX
QE0bgNkEnEXH34RGJv+DT0S1SGYCIBNNzuM3RFHPuDSB3j9PRkopoBcIz709D+ru
ffK4O5AS
-----END CERTIFICATE-----
`;

interface Hit { method: string; url: string; host: string; body: string }
const hits: Hit[] = [];
let answer: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();
const handler: http.RequestListener = (req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    hits.push({ method: req.method!, url: req.url!, host: req.headers.host!, body });
    answer(res);
  });
};
const plain = http.createServer(handler);
const tls = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, handler);
let port = 0;
let tlsPort = 0;
beforeAll(async () => {
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  port = (plain.address() as AddressInfo).port;
  tlsPort = (tls.address() as AddressInfo).port;
});
afterEach(() => {
  hits.length = 0;
  answer = (res) => res.writeHead(204).end();
});
afterAll(async () => {
  plain.closeAllConnections();
  tls.closeAllConnections();
  await Promise.all([new Promise((r) => plain.close(r)), new Promise((r) => tls.close(r))]);
});

const post = (body = '{"a":1}') => ({ method: 'POST', body, timeoutMs: 5_000, headers: { 'content-type': 'application/json' } });
/** A resolver that answers from a list, one answer per call (the last one repeats), and counts the calls. */
function stubResolver(...answers: string[][]): Resolve & { calls: string[] } {
  const calls: string[] = [];
  return Object.assign(async (host: string) => {
    calls.push(host);
    return (answers[Math.min(calls.length, answers.length) - 1] ?? []).map((address) => ({ address }));
  }, { calls });
}

describe('outbound destinations', () => {
  it('tells public addresses from private, loopback, link-local and reserved ones', () => {
    for (const a of [
      '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '100.127.255.254', '0.0.0.0', '0.1.2.3',
      '198.18.0.1', '224.0.0.1', '255.255.255.255', '::', '::1', 'fd00::1', 'fc00::1', 'fe80::1', 'fe80::1%eth0', 'fec0::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '::ffff:0.0.0.0', '::127.0.0.1', '64:ff9b::7f00:1',
      '2001:db8::1', '2002:7f00:1::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', 'not-an-ip', '',
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '::ffff:808:808']) expect(isNonPublicAddress(a), a).toBe(false);
  });

  it('refuses non-http schemes, credentials, localhost and literal private hosts when saving', () => {
    expect(destinationProblem(new URL('ftp://example.com/x'))).toMatch(/http or https/);
    expect(destinationProblem(new URL('https://u:p@example.com/x'))).toMatch(/user name/);
    expect(destinationProblem(new URL('http://localhost:8080/x'))).toMatch(/localhost/);
    expect(destinationProblem(new URL('http://[::1]:8080/x'))).toMatch(/public address/);
    expect(destinationProblem(new URL('http://[::ffff:127.0.0.1]:8080/x'))).toMatch(/public address/);
    expect(destinationProblem(new URL('http://0.0.0.0:8080/x'))).toMatch(/public address/);
    expect(destinationProblem(new URL('http://2130706433/x'))).toMatch(/127\.0\.0\.1/); // the URL parser normalizes it
    expect(destinationProblem(new URL('http://169.254.169.254/latest/meta-data'))).toMatch(/169\.254\.169\.254/);
    expect(destinationProblem(new URL('https://hooks.example.com/regulars'))).toBeNull();
  });

  it('checks what a name resolves to, unless private addresses are allowed', async () => {
    await expect(outboundRequest(new URL('http://127.0.0.1:9/x'), post())).rejects.toThrow(/public address/);
    await expect(outboundRequest(new URL('http://localhost:9/x'), post())).rejects.toThrow(/localhost/);
    const mixed = stubResolver(['93.184.215.14', '10.0.0.7']);
    await expect(outboundRequest(new URL('https://hooks.example.com/x'), post(), { resolve: mixed })).rejects.toThrow(/hooks\.example\.com resolves to 10\.0\.0\.7/);
    configureOutbound({ allowPrivate: true });
    // Allowed now: the request goes out (and finds nothing listening on port 9).
    await expect(outboundRequest(new URL('http://127.0.0.1:9/x'), post())).rejects.toThrow(/ECONNREFUSED/);
    expect(destinationProblem(new URL('ftp://127.0.0.1/x'))).toMatch(/http or https/);
  });
});

describe('outbound requests', () => {
  it('connects only to the address it checked: a name that rebinds to a private address after a check is refused', async () => {
    // The first answer is public (what a check before sending would see), the next is this machine.
    const rebinding = stubResolver(['93.184.215.14'], ['127.0.0.1']);
    const url = new URL(`http://rebind.example.com:${port}/hooks`);
    expect(await rebinding('rebind.example.com')).toEqual([{ address: '93.184.215.14' }]); // a check made before sending
    await expect(outboundRequest(url, post(), { resolve: rebinding })).rejects.toThrow('destination rebind.example.com resolves to 127.0.0.1, which is not a public address');
    expect(rebinding.calls).toEqual(['rebind.example.com', 'rebind.example.com']);
    expect(hits).toEqual([]);
    // Every address in the answer must be public, in whichever form it comes.
    for (const answerSet of [['93.184.215.14', '127.0.0.1'], ['::ffff:127.0.0.1'], ['0.0.0.0'], ['::1'], ['fe80::1'], ['100.64.0.1'], ['fd12:3456::1']]) {
      await expect(outboundRequest(url, post(), { resolve: stubResolver(answerSet) }), answerSet.join()).rejects.toThrow(/which is not a public address/);
    }
    await expect(outboundRequest(url, post(), { resolve: stubResolver([]) })).rejects.toThrow(/ENOTFOUND/);
    await expect(outboundRequest(new URL(`http://127.0.0.1:${port}/x`), post())).rejects.toThrow(/must be a public address, not 127\.0\.0\.1/);
    await expect(outboundRequest(new URL(`http://[::ffff:7f00:1]:${port}/x`), post())).rejects.toThrow(/must be a public address/);
    expect(hits).toEqual([]);
  });

  it('reaches a receiver on this machine when private addresses are allowed, through a name or an address', async () => {
    configureOutbound({ allowPrivate: true });
    const local = stubResolver(['127.0.0.1']);
    expect(await outboundRequest(new URL(`http://till.shop.test:${port}/hooks?x=1`), post('{"n":1}'), { resolve: local })).toEqual({ status: 204 });
    expect(await outboundRequest(new URL(`http://127.0.0.1:${port}/direct`), post('{"n":2}'))).toEqual({ status: 204 });
    expect(hits).toEqual([
      { method: 'POST', url: '/hooks?x=1', host: `till.shop.test:${port}`, body: '{"n":1}' },
      { method: 'POST', url: '/direct', host: `127.0.0.1:${port}`, body: '{"n":2}' },
    ]);
    expect(local.calls).toEqual(['till.shop.test']);
  });

  it('does not follow a redirect and gives up on a receiver that does not answer', async () => {
    configureOutbound({ allowPrivate: true });
    answer = (res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    expect(await outboundRequest(new URL(`http://127.0.0.1:${port}/r`), post())).toEqual({ status: 302 });
    expect(hits.map((h) => h.url)).toEqual(['/r']);
    answer = () => {}; // never answers
    await expect(outboundRequest(new URL(`http://127.0.0.1:${port}/slow`), { ...post(), timeoutMs: 200 })).rejects.toThrow('no answer within 0.2 s');
  });

  it('verifies the certificate against the host name, not the address it connects to', async () => {
    configureOutbound({ allowPrivate: true });
    const local = stubResolver(['127.0.0.1']);
    const ok = await outboundRequest(new URL(`https://hooks.regulars.test:${tlsPort}/hooks`), post(), { resolve: local, ca: TEST_CERT });
    expect(ok).toEqual({ status: 204 });
    expect(hits.map((h) => h.host)).toEqual([`hooks.regulars.test:${tlsPort}`]);
    // Another name on the same address does not match the certificate; an unknown issuer is refused too.
    await expect(outboundRequest(new URL(`https://other.regulars.test:${tlsPort}/hooks`), post(), { resolve: local, ca: TEST_CERT })).rejects.toThrow(/altnames|does not match/i);
    await expect(outboundRequest(new URL(`https://hooks.regulars.test:${tlsPort}/hooks`), post(), { resolve: local })).rejects.toThrow(/self[- ]signed/i);
    expect(hits).toHaveLength(1);
  });
});
