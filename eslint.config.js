// @ts-check
// `npm run lint`: typescript-eslint's strict, type-aware rules over every TypeScript file (each file is checked
// with the tsconfig part it belongs to, found through tsconfig.json's references), the Lit and web-component
// rules over the widget, and eslint-config-prettier last so no rule argues with the formatter.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** node:test's functions return promises that the runner itself awaits; a bare `describe(...)` is how it is used. */
const NODE_TEST_CALLS = {
  from: 'package',
  package: 'node:test',
  name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
};
/**
 * @open-wc/semantic-dom-diff types chai's `equal` as returning a promise (for its `.dom` snapshot form); a plain
 * `expect(x).to.equal(y)` throws synchronously.
 */
const CHAI_EQUAL = { from: 'package', package: '@open-wc/semantic-dom-diff', name: 'Equal' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'custom-elements.json', 'bench/results/', 'data/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [NODE_TEST_CALLS, CHAI_EQUAL] }],
      // Numbers and booleans read fine in messages and URLs (`${port}`); objects, nullish values and unions still need a decision.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => doSomething()` as a listener or callback is the idiom here; returning void from a block body is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A leading underscore names what a destructuring drops on purpose (`{ error: _error, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // No-op callbacks are deliberate here: silent loggers, and 'error' listeners that keep a socket's error from
      // crashing the process while the close handler reports it.
      '@typescript-eslint/no-empty-function': 'off',
      // noUncheckedIndexedAccess types every index as possibly missing; `!` marks the ones a loop bound, a length
      // check or a regex match guarantees, which a rewrite would only hide behind `as` or a dead branch.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A `type` alias of an object is assignable to Record<string, …> and an interface is not: the prepared
      // queries' parameter objects rely on that, so both forms stay allowed.
      '@typescript-eslint/consistent-type-definitions': 'off',
      // It cannot follow Hono's chained route builders or pusher-js's channel classes through their generics, and
      // reports real instances (`new Hono().get(…)`, a PresenceChannel) as plain objects.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // `||` on strings, numbers and booleans is deliberate here: an empty title, a zero height or a false flag
      // falls back just as a missing one does.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true, number: true, boolean: true } }],
      // `void | Promise<unknown>` is Lit's own scheduleUpdate() signature and the type of a hook that may be sync or async.
      '@typescript-eslint/no-invalid-void-type': 'off',
      // The JSON helpers (`call<T>`, `body<T>`, `uploadResult<T>`) let the caller name the answer's type from the
      // contract, and the router's `K` ties a payload check to the event it emits.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // A rejection passes on whatever the failed operation threw.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // String(unknown) is the fallback text for a caught value that may not be an Error; ws hands frames over as
      // Buffer (or an array of them), whose String() is the text.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { checkUnknown: false, ignoredTypeNames: ['Buffer', 'ArrayBuffer', 'RawData', 'Error', 'RegExp', 'URL', 'URLSearchParams'] },
      ],
    },
  },
  {
    files: ['widget/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
    rules: {
      // lit-html calls template listeners (`@click=${this.onClick}`) with the element as `this`; the state's
      // dependency objects hold plain functions, never methods that read `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests and their shared suites.
    files: ['**/*.test.ts', '**/*.suite.ts', 'test/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      // chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Test bodies and fakes are async so they read the same whether or not they await yet; the runner awaits them.
      '@typescript-eslint/require-await': 'off',
      // Teardown guards (`after(() => browser?.close())`) run after a failed `before`, when a `let` that TypeScript
      // takes as assigned is still undefined; assertions probe values whose type already says what they should be.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // A test names the error it expects (`(error: NodeJS.ErrnoException) => error.code`); a wrong guess fails the test.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
    },
  },
  {
    // The tools' own configuration files are plain JavaScript run by Node, outside every tsconfig.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // The demo portal's page scripts run in the browser.
    files: ['demo/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  prettier,
);
