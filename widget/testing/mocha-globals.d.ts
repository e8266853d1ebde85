// The mocha globals that @web/test-runner provides in the browser. @types/mocha is not installed
// and tsconfig.widget-test.json loads no `types`, so the few used here are declared as functions: duplicate
// function declarations elsewhere merge as overloads instead of clashing.
type MochaCallback = (this: unknown) => void | Promise<unknown>;
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaCallback): void;
declare function before(body: MochaCallback): void;
declare function after(body: MochaCallback): void;
declare function beforeEach(body: MochaCallback): void;
declare function afterEach(body: MochaCallback): void;
