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

function rejects(token: string, pattern: RegExp): Promise<void> {
  return assert.rejects(
    verifyStaffToken(token, SECRET),
    (error: unknown) => error instanceof ApiError && error.status === 401 && error.code === 'unauthorized' && pattern.test(error.message),
  );
}

const future = () => Math.floor(Date.now() / 1000) + 600;

describe('staff tokens', () => {
  test('a signed token verifies to its claims', async () => {
    const verified = await verifyStaffToken(signStaffToken(claims, SECRET), SECRET);
    assert.equal(verified.sub, 'anna');
    assert.equal(verified.hotel, 'grand');
    assert.equal(verified.role, 'Reception');
    assert.ok(verified.exp > Date.now() / 1000 + 11 * 3600);
  });

  test('expired', () => rejects(signStaffToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, SECRET), /expired/));

  test('missing exp', () => rejects(rawToken({ alg: 'HS256', typ: 'JWT' }, claims), /claims/));

  test('forged signature', () => rejects(signStaffToken(claims, 'another-secret-that-is-long-enough-1234'), /signature/));

  test('tampered payload', async () => {
    const [header, , signature] = signStaffToken(claims, SECRET).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'boss', exp: future() })).toString('base64url');
    await rejects(`${header}.${payload}.${signature}`, /signature/);
  });

  test('alg none', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    await rejects(`${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, exp: future() })}.`, /HS256/);
  });

  test('any algorithm but HS256, even with a valid HMAC', async () => {
    await rejects(rawToken({ alg: 'RS256', typ: 'JWT' }, { ...claims, exp: future() }), /HS256/);
    await rejects(rawToken({ alg: 'HS512', typ: 'JWT' }, { ...claims, exp: future() }), /HS256/);
  });

  test('ids outside the channel-name charset, and bad hotel slugs', async () => {
    await rejects(signStaffToken({ ...claims, sub: 'anna keller' }, SECRET), /claims/);
    await rejects(signStaffToken({ ...claims, sub: 'chat.7' }, SECRET), /claims/);
    await rejects(signStaffToken({ ...claims, hotel: 'Grand.Hotel' }, SECRET), /claims/);
    await rejects(signStaffToken({ ...claims, name: '' }, SECRET), /claims/);
    await rejects(signStaffToken({ ...claims, avatar: 'javascript:alert(1)' }, SECRET), /claims/);
  });

  test('garbage', async () => {
    await rejects('', /not a JWT/);
    await rejects('a.b', /not a JWT/);
    await rejects('!!!.???.###', /not a JWT/);
    await rejects(`${signStaffToken(claims, SECRET)}.extra`, /not a JWT/);
    await rejects(rawToken({ alg: 'HS256', typ: 'JWT' }, [claims]), /claims/);
  });

  test('a crit extension, even one jose understands (b64)', async () => {
    await rejects(rawToken({ alg: 'HS256', typ: 'JWT', crit: ['exp'], exp: 1 }, { ...claims, exp: future() }), /HS256|not a JWT/);
    await rejects(rawToken({ alg: 'HS256', typ: 'JWT', crit: ['b64'], b64: true }, { ...claims, exp: future() }), /HS256/);
  });

  test('a typ other than JWT', async () => {
    await rejects(rawToken({ alg: 'HS256', typ: 'at+jwt' }, { ...claims, exp: future() }), /not a JWT/);
    const verified = await verifyStaffToken(rawToken({ alg: 'HS256', typ: 'jwt' }, { ...claims, exp: future() }), SECRET);
    assert.equal(verified.sub, 'anna', 'typ is compared without case');
  });

  test('nbf and iat more than a minute ahead; less is clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejects(rawToken({ alg: 'HS256' }, { ...claims, exp: future(), nbf: now + 120 }), /not valid yet/);
    await rejects(rawToken({ alg: 'HS256' }, { ...claims, exp: future(), iat: now + 120 }), /future/);
    const skewed = await verifyStaffToken(rawToken({ alg: 'HS256' }, { ...claims, exp: future(), nbf: now + 30, iat: now + 30 }), SECRET);
    assert.equal(skewed.sub, 'anna');
  });

  test('longer than 8 KB', () => rejects(signStaffToken({ ...claims, name: 'a'.repeat(9000) }, SECRET), /not a JWT/));
});
