/** What the server logs through; main.ts may hand in a structured logger, tests a silent one. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Writes to the console, fields as a trailing object. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.info(message, ...(fields ? [fields] : [])),
  warn: (message, fields) => console.warn(message, ...(fields ? [fields] : [])),
  error: (message, fields) => console.error(message, ...(fields ? [fields] : [])),
};

/** Drops everything; for tests. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
