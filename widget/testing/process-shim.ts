// nanostores' unbundled source reads `process.env.NODE_ENV`, which vite replaces at build time but
// nothing defines in the test browser. Imported first by the test helpers, before any atom exists.
const scope = globalThis as { process?: { env: Record<string, string | undefined> } };
scope.process ??= { env: { NODE_ENV: 'development' } };

export {};
