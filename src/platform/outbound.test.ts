import { afterEach, describe, expect, it } from 'vitest';
import { assertPublicDestination, configureOutbound, destinationProblem, isNonPublicAddress } from './outbound.js';

afterEach(() => configureOutbound({ allowPrivate: false }));

describe('outbound destinations', () => {
  it('tells public addresses from private, loopback, link-local and reserved ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2a00:1450:4001::200e', '::ffff:8.8.8.8']) expect(isNonPublicAddress(a), a).toBe(false);
  });

  it('refuses non-http schemes, credentials, localhost and literal private hosts when saving', () => {
    expect(destinationProblem(new URL('ftp://example.com/x'))).toMatch(/http or https/);
    expect(destinationProblem(new URL('https://u:p@example.com/x'))).toMatch(/user name/);
    expect(destinationProblem(new URL('http://localhost:8080/x'))).toMatch(/localhost/);
    expect(destinationProblem(new URL('http://[::1]:8080/x'))).toMatch(/public address/);
    expect(destinationProblem(new URL('http://169.254.169.254/latest/meta-data'))).toMatch(/169\.254\.169\.254/);
    expect(destinationProblem(new URL('https://hooks.example.com/regulars'))).toBeNull();
  });

  it('checks what a name resolves to before sending, unless private addresses are allowed', async () => {
    await expect(assertPublicDestination(new URL('http://127.0.0.1:9/x'))).rejects.toThrow(/public address/);
    await expect(assertPublicDestination(new URL('http://localhost:9/x'))).rejects.toThrow(/localhost/);
    configureOutbound({ allowPrivate: true });
    await expect(assertPublicDestination(new URL('http://127.0.0.1:9/x'))).resolves.toBeUndefined();
    expect(destinationProblem(new URL('ftp://127.0.0.1/x'))).toMatch(/http or https/);
  });
});
