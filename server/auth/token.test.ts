import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { ApiError } from '../errors.js';
import { signStaffToken, verifyStaffToken } from './token.js';

const SECRET = 'test-secret-that-is-long-enough-123456';
const claims = { sub: 'anna', hotel: 'grand', name: 'Anna Keller', role: 'Reception' };

function rawToken(header: object, payload: object, secret = SECRET): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

function rejects(token: string, pattern: RegExp): void {
  assert.throws(
    () => verifyStaffToken(token, SECRET),
    (error: unknown) => error instanceof ApiError && error.status === 401 && error.code === 'unauthorized' && pattern.test(error.message),
  );
}

const future = () => Math.floor(Date.now() / 1000) + 600;

describe('staff tokens', () => {
  test('a signed token verifies to its claims', () => {
    const verified = verifyStaffToken(signStaffToken(claims, SECRET), SECRET);
    assert.equal(verified.sub, 'anna');
    assert.equal(verified.hotel, 'grand');
    assert.equal(verified.role, 'Reception');
    assert.ok(verified.exp > Date.now() / 1000 + 11 * 3600);
  });

  test('expired', () => rejects(signStaffToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, SECRET), /expired/));

  test('missing exp', () => rejects(rawToken({ alg: 'HS256', typ: 'JWT' }, claims), /claims/));

  test('forged signature', () => rejects(signStaffToken(claims, 'another-secret-that-is-long-enough-1234'), /signature/));

  test('tampered payload', () => {
    const [header, , signature] = signStaffToken(claims, SECRET).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'boss', exp: future() })).toString('base64url');
    rejects(`${header}.${payload}.${signature}`, /signature/);
  });

  test('alg none', () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    rejects(`${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, exp: future() })}.`, /HS256/);
  });

  test('any algorithm but HS256, even with a valid HMAC', () => {
    rejects(rawToken({ alg: 'RS256', typ: 'JWT' }, { ...claims, exp: future() }), /HS256/);
    rejects(rawToken({ alg: 'HS512', typ: 'JWT' }, { ...claims, exp: future() }), /HS256/);
  });

  test('ids outside the channel-name charset, and bad hotel slugs', () => {
    rejects(signStaffToken({ ...claims, sub: 'anna keller' }, SECRET), /claims/);
    rejects(signStaffToken({ ...claims, sub: 'chat.7' }, SECRET), /claims/);
    rejects(signStaffToken({ ...claims, hotel: 'Grand.Hotel' }, SECRET), /claims/);
    rejects(signStaffToken({ ...claims, name: '' }, SECRET), /claims/);
    rejects(signStaffToken({ ...claims, avatar: 'javascript:alert(1)' }, SECRET), /claims/);
  });

  test('garbage', () => {
    rejects('', /not a JWT/);
    rejects('a.b', /not a JWT/);
    rejects('!!!.???.###', /not a JWT/);
  });
});
