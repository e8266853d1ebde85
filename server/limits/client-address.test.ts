import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import { addressLimitKey, clientAddress } from './client-address.js';

/** The two parts of a request clientAddress reads. */
function request(remoteAddress: string | undefined, forwardedFor?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  test('without trust: the peer address, whatever X-Forwarded-For claims', () => {
    assert.equal(clientAddress(request('10.0.0.5', '203.0.113.7'), 0), '10.0.0.5');
    assert.equal(clientAddress(request('::ffff:127.0.0.1'), 0), '127.0.0.1');
    assert.equal(clientAddress(request(undefined), 0), 'unknown');
  });

  test("one trusted proxy: the right-most entry, which our proxy wrote; entries to its left are the client's claims", () => {
    assert.equal(clientAddress(request('10.0.0.5', '203.0.113.7'), 1), '203.0.113.7');
    assert.equal(clientAddress(request('10.0.0.5', '198.51.100.1, 203.0.113.7'), 1), '203.0.113.7');
    // Repeated headers count as one list.
    assert.equal(clientAddress(request('10.0.0.5', ['198.51.100.1', '203.0.113.7']), 1), '203.0.113.7');
  });

  test('two trusted proxies: the second entry from the right', () => {
    assert.equal(clientAddress(request('10.0.0.5', 'forged, 203.0.113.7, 10.0.0.9'), 2), '203.0.113.7');
    // Shorter than the chain: the left-most entry is the best there is.
    assert.equal(clientAddress(request('10.0.0.5', '203.0.113.7'), 2), '203.0.113.7');
  });

  test('strips ports and brackets; falls back to the peer for a missing header or an entry that is not an address', () => {
    assert.equal(clientAddress(request('10.0.0.5', '203.0.113.7:51234'), 1), '203.0.113.7');
    assert.equal(clientAddress(request('10.0.0.5', '[2001:DB8::1]:443'), 1), '2001:db8::1');
    assert.equal(clientAddress(request('10.0.0.5', 'unknown'), 1), '10.0.0.5');
    assert.equal(clientAddress(request('10.0.0.5', ''), 1), '10.0.0.5');
    assert.equal(clientAddress(request('10.0.0.5'), 1), '10.0.0.5');
  });
});

describe('addressLimitKey', () => {
  test('IPv4 addresses count alone; IPv6 addresses by their /64', () => {
    assert.equal(addressLimitKey('203.0.113.7'), '203.0.113.7');
    assert.equal(addressLimitKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(addressLimitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(addressLimitKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.notEqual(addressLimitKey('2001:db8:1:3::1'), addressLimitKey('2001:db8:1:2::1'));
    assert.equal(addressLimitKey('unknown'), 'unknown');
  });
});
