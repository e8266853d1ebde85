import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

/*
 * The widget's styling contract, as a portal reads it (widget/staff-chat.ts's JSDoc and the README),
 * against what the sources really use: every custom property and every forwarded part is documented,
 * and nothing documented is made up.
 */

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const widgetSources = (readdirSync(join(root, 'widget'), { recursive: true }) as string[])
  .filter((path) => path.endsWith('.ts') && !path.includes('.test.') && !path.includes('testing'))
  .map((path) => read(join('widget', path)));

const element = read('widget/staff-chat.ts');
/** Where the forwarded parts are listed: the root element and the two it holds, which forward their own. */
const forwarders = element + read('widget/components/panel/panel.ts') + read('widget/components/chat-window/chat-window.ts');
const readme = read('README.md');
const documented = (tag: string) => new Set([...element.matchAll(new RegExp(`@${tag} (\\S+) - `, 'g'))].map((m) => m[1]!));

test('every --staff-chat-* custom property the widget uses is documented, in the JSDoc and the README', () => {
  const used = new Set(widgetSources.flatMap((source) => [...source.matchAll(/var\((--staff-chat-[a-z-]+)/g)].map((m) => m[1]!)));
  assert.ok(used.size > 20);
  assert.deepEqual(
    [...used].filter((name) => !documented('cssproperty').has(name)),
    [],
    'missing @cssproperty',
  );
  assert.deepEqual(
    [...documented('cssproperty')].filter((name) => !used.has(name)),
    [],
    '@cssproperty nobody uses',
  );
  assert.deepEqual(
    [...used].filter((name) => !readme.includes(`\`${name}\``)),
    [],
    'missing from the README',
  );
});

test('every part <staff-chat> forwards is documented, in the JSDoc and the README, and no other', () => {
  const forwarded = new Set<string>(['dock', 'panel', 'sidebar', 'window']);
  const lists = [
    ...[...element.matchAll(/exportparts="([^"]+)"/g)].map((m) => m[1]!),
    // The constants of forwarded parts, whose value may be split over concatenated strings.
    ...[...forwarders.matchAll(/const \w+_PARTS =([^;]+);/g)].map((m) => [...m[1]!.matchAll(/'([^']*)'/g)].map((q) => q[1]).join('')),
  ];
  for (const entry of lists.join(',').split(',').filter(Boolean)) forwarded.add(entry.split(':').at(-1)!.trim());
  assert.ok(forwarded.has('bubble') && forwarded.has('launcher'));
  assert.deepEqual(
    [...forwarded].filter((name) => !documented('csspart').has(name)),
    [],
    'missing @csspart',
  );
  assert.deepEqual(
    [...documented('csspart')].filter((name) => !forwarded.has(name)),
    [],
    '@csspart that is not forwarded',
  );
  assert.deepEqual(
    [...forwarded].filter((name) => !readme.includes(`\`${name}\``)),
    [],
    'missing from the README',
  );
});
