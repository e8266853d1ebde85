import { expect } from '@open-wc/testing';
import { ApiError } from '../../api/api-error.js';
import { describeError, explainNetworkFailure } from './errors.js';
import { errorMsg } from '../../messages/errors.js';

describe('describeError: set-up mistakes in words whoever looks after the portal can act on', () => {
  it('a token the page cannot renew says to reload; one that was renewed and refused says to sign in', () => {
    expect(describeError(new ApiError(401, 'sign_in_expired', 'x'), 'fallback').message).to.equal(
      'Your sign-in has expired. Reload the page to sign in again.',
    );
    expect(describeError(new ApiError(401, 'unauthorized', 'x'), 'fallback').message).to.equal(errorMsg.errorSessionExpired);
  });

  it('a hotel attribute that differs from the token is named as such, not as a missing access right', () => {
    const { message, code } = describeError(new ApiError(403, 'wrong_hotel', 'The token belongs to another hotel.'), 'fallback');
    expect(code).to.equal('wrong_hotel');
    expect(message).to.contain('different hotel than your sign-in');
    expect(message).to.contain('hotel attribute');
    expect(describeError(new ApiError(403, 'not_participant', 'x'), 'fallback').message).to.equal(
      'You do not have access to this conversation.',
    );
  });

  it('a portal origin the server does not accept names the origin and the setting', () => {
    const { message } = describeError(new ApiError(0, 'origin_not_allowed', 'https://portal.example.com'), 'fallback');
    expect(message).to.contain('https://portal.example.com');
    expect(message).to.contain('STAFF_CHAT_ALLOWED_ORIGINS');
  });
});

describe('explainNetworkFailure', () => {
  const network = new ApiError(0, 'network_error', 'Failed to fetch');

  it('turns a network error into origin_not_allowed when the public config says this origin is refused', async () => {
    const explained = await explainNetworkFailure(network, Promise.resolve({ origin_allowed: false }), 'https://portal.example.com');
    expect(explained).to.be.instanceOf(ApiError);
    expect((explained as ApiError).code).to.equal('origin_not_allowed');
    expect((explained as ApiError).message).to.equal('https://portal.example.com');
  });

  it('leaves a real network failure, and every other error, as it was', async () => {
    expect(await explainNetworkFailure(network, Promise.resolve({ origin_allowed: true }), 'o')).to.equal(network);
    expect(await explainNetworkFailure(network, Promise.reject(new Error('down')), 'o')).to.equal(network);
    const forbidden = new ApiError(403, 'not_participant', 'x');
    expect(await explainNetworkFailure(forbidden, Promise.resolve({ origin_allowed: false }), 'o')).to.equal(forbidden);
    expect(describeError(network, 'fallback').message).to.equal(errorMsg.errorNetwork);
  });
});
