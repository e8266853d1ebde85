/**
 * Sentences people read when something fails, chosen by ../state/shared/errors.ts and the session. `errorMsg`
 * follows the locale (see locale.ts); a sentence already shown stays in the language it was made in.
 */
import { bindMessages } from './locale.js';

/** The English originals; read `errorMsg`, which holds the current language. */
export const errorStrings = {
  errorNetwork: 'Could not reach the chat server. Check your connection and try again.',
  errorSessionExpired: 'Your session has expired. Sign in again to keep chatting.',
  errorForbidden: 'You do not have access to this conversation.',
  errorNotFound: 'This conversation could not be found.',
  errorTooLong: 'This message is too long to send.',
  errorRateLimited: 'You are sending messages too quickly. Wait a moment and try again.',
  errorServer: 'The chat server had a problem. Try again in a moment.',
  errorSendFailed: 'The message could not be sent.',
  errorLoadFailed: 'Could not load the conversation.',
  errorStartFailed: 'The chat could not start.',
  // Set-up mistakes: what is wrong, said so that whoever looks after the portal can fix it.
  errorSignInExpired: 'Your sign-in has expired. Reload the page to sign in again.',
  errorWrongHotel:
    'This chat is set up for a different hotel than your sign-in. Tell whoever looks after the portal: the hotel attribute must match the token.',
  errorOriginNotAllowed: (origin: string) =>
    `The chat server does not accept this portal (${origin}). Tell whoever looks after it: add ${origin} to STAFF_CHAT_ALLOWED_ORIGINS.`,
};

export const errorMsg = bindMessages({ ...errorStrings });
