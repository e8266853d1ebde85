import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLAIN_PRELOAD_HELPER, plainDynamicImports, PRELOAD_HELPER_ID } from './plain-dynamic-imports.js';

type Load = (this: unknown, id: string) => string | null;

test("replaces Vite's preload helper with one that only runs the import, and loads nothing else", async () => {
  const load = plainDynamicImports().load as Load;
  assert.equal(load.call({}, PRELOAD_HELPER_ID), PLAIN_PRELOAD_HELPER);
  assert.equal(load.call({}, '/work/widget/define.ts'), null);
  const helper = (await import(`data:text/javascript,${encodeURIComponent(PLAIN_PRELOAD_HELPER)}`)) as {
    __vitePreload(load: () => Promise<string>): Promise<string>;
  };
  assert.equal(await helper.__vitePreload(async () => 'the chunk'), 'the chunk');
  await assert.rejects(
    helper.__vitePreload(() => Promise.reject(new Error('offline'))),
    /offline/,
  );
});
