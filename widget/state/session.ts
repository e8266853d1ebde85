// The session as the rest of the widget sees it: the elements, <staff-chat> and the package's exports
// import from here, so the folders behind it (session/, conversations/, messages/, outbox/, live/) can
// change without touching them.
export * from './session/chat-session.js';
