import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { md5Hex, verifyChannelAuth, verifyRequestSignature, verifyUserAuth } from './signatures.js';

// Pusher's worked examples (protocol reference §1.8, §1.9, §1.11, §2.2).
const app = { appId: '3', key: '278d425bdf160c739803', secret: '7ad3773142a6692b25b8' };

describe('signatures', () => {
  it('accepts the private channel example and rejects a wrong key or signature', () => {
    const auth = `${app.key}:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4`;
    assert.equal(verifyChannelAuth(app, '1234.1234', 'private-foobar', auth), true);
    assert.equal(verifyChannelAuth(app, '1234.1235', 'private-foobar', auth), false);
    assert.equal(verifyChannelAuth(app, '1234.1234', 'private-foobar', auth.replace(app.key, 'other')), false);
    assert.equal(verifyChannelAuth(app, '1234.1234', 'private-foobar', 'no-colon'), false);
  });

  it('accepts the presence example, which signs channel_data too', () => {
    const channelData = '{"user_id":10,"user_info":{"name":"Mr. Channels"}}';
    const auth = `${app.key}:31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80`;
    assert.equal(verifyChannelAuth(app, '1234.1234', 'presence-foobar', auth, channelData), true);
    assert.equal(verifyChannelAuth(app, '1234.1234', 'presence-foobar', auth, channelData.replace('10', '11')), false);
  });

  it('accepts the user sign-in example', () => {
    const auth = `${app.key}:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba`;
    assert.equal(verifyUserAuth(app, '1234.1234', auth, '{"id":"12345"}'), true);
    assert.equal(verifyUserAuth(app, '1234.1234', auth, '{"id":"12346"}'), false);
  });

  it('accepts the HTTP API example and refuses stale, tampered or misdescribed requests', () => {
    const body = '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}';
    assert.equal(md5Hex(body), 'ec365a775a4cd0599faeb73354201b6f');
    const query: [string, string][] = [
      ['auth_key', app.key],
      ['auth_timestamp', '1353088179'],
      ['auth_version', '1.0'],
      ['body_md5', 'ec365a775a4cd0599faeb73354201b6f'],
      ['auth_signature', 'da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c'],
    ];
    const request = { method: 'POST', path: '/apps/3/events', query, body };
    assert.equal(verifyRequestSignature(app, request, 1353088179), undefined);
    assert.equal(verifyRequestSignature(app, request, 1353088179 + 601), 'stale_timestamp');
    assert.equal(verifyRequestSignature(app, { ...request, body: body.replace('foo', 'bar') }, 1353088179), 'bad_body_md5');
    assert.equal(verifyRequestSignature(app, { ...request, path: '/apps/4/events' }, 1353088179), 'bad_signature');
    assert.equal(verifyRequestSignature({ ...app, key: 'other' }, request, 1353088179), 'wrong_key');
    assert.equal(verifyRequestSignature(app, { ...request, query: query.slice(1) }, 1353088179), 'missing_parameters');
  });
});
