/**
 * The package as someone else installs it: `npm pack`, then `npm install --offline` of the tarball into
 * an empty folder, its dependencies (lit and nanostores, for the types) packed from this repository's
 * node_modules since the npm cache on a fresh machine holds none of them. Then a consumer's
 * `import 'staff-chat-widget'` type-checks with tsc, the manifest holds `<staff-chat>`'s public contract
 * only, and in Chromium the file the package's `exports` point at registers the element and exports its class. Needs
 * `npm run build` first (npm test runs it).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium } from '../e2e/support/portal.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NAME = 'staff-chat-widget';
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

interface Manifest {
  modules: {
    path: string;
    exports?: { kind: string; name: string }[];
    declarations?: {
      tagName?: string;
      attributes?: { name: string }[];
      members?: { name: string }[];
      events?: { name: string; description?: string }[];
      cssParts?: { name: string }[];
      cssProperties?: { name: string }[];
    }[];
  }[];
}

/** The package's dependencies and theirs, from this repository's node_modules (peer and optional ones left out). */
async function dependencyClosure(names: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) await visit(dependency);
  };
  for (const name of names) await visit(name);
  return [...seen].sort();
}

/** One `npm pack` of every folder into `destination`; each tarball's path and the files in it. */
async function pack(folders: string[], destination: string): Promise<{ tarball: string; files: string[] }[]> {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination, ...folders], { cwd: ROOT });
  const results = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  assert.equal(results.length, folders.length);
  return results.map((result) => ({ tarball: join(destination, result.filename), files: result.files.map((file) => file.path) }));
}

const CONSUMER_TS = `import { StaffChat, StaffChatMessageSendEvent } from '${NAME}';
import type { Message } from '${NAME}';

const chat: StaffChat = document.createElement('staff-chat');
chat.hotel = 'seaview';
chat.apiBase = 'https://chat.example-hotel.com/api';
chat.tokenProvider = async () => 'token';
chat.addEventListener('staff-chat-unread-change', (event) => {
  const total: number = event.detail.total;
  document.title = String(total);
});
export const veto = (event: StaffChatMessageSendEvent) => event.detail.text.includes('password') && event.preventDefault();
export const textOf = (message: Message): string => message.message;
export const isChat = (node: Node): node is StaffChat => node instanceof StaffChat;
// @ts-expect-error layout is 'launcher' or 'inline'
chat.layout = 'sideways';
`;

/** The element's own attributes, as it observes them. */
const OBSERVED = ['api-base', 'hotel', 'token', 'debug', 'layout', 'theme', 'open', 'unread-title'];
/** HTML's global attributes it documents and follows (by watching them, not through observedAttributes). */
const GLOBAL_ATTRIBUTES = ['lang', 'dir'];

describe(`the ${NAME} package, installed from its tarball`, () => {
  let work: string;
  let consumer: string;
  let packedFiles: string[];
  let dependencies: string[];

  before(async () => {
    for (const built of ['dist/staff-chat.js', 'dist/types/widget/define.d.ts', 'custom-elements.json']) {
      assert.ok(existsSync(join(ROOT, built)), `${built} is missing: run \`npm run build\` first`);
    }
    work = await mkdtemp(join(tmpdir(), 'staff-chat-package-'));
    consumer = join(work, 'consumer');
    const own = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    dependencies = await dependencyClosure(Object.keys(own.dependencies ?? {}));
    const packed = await pack([ROOT, ...dependencies.map((name) => join(ROOT, 'node_modules', name))], work);
    packedFiles = packed[0]!.files;
    const tarballs = packed.map((result) => result.tarball);
    await mkdir(consumer);
    await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', ...tarballs], { cwd: consumer });
  });
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the tarball holds the script, its chunks, the types and the manifest, and nothing of the server', () => {
    for (const file of [
      'dist/staff-chat.js',
      'dist/types/widget/define.d.ts',
      'dist/types/widget/index.d.ts',
      'custom-elements.json',
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ]) {
      assert.ok(packedFiles.includes(file), `${file} is in the tarball`);
    }
    assert.ok(
      packedFiles.some((file) => /^dist\/chunks\/first-use-.*\.js$/.test(file)),
      'the lazily loaded chunk',
    );
    const stray = packedFiles.filter(
      (file) =>
        !/^dist\/(staff-chat\.js|staff-chat\.js\.map|chunks\/|types\/)/.test(file) &&
        !['custom-elements.json', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
    );
    assert.deepEqual(stray, []);
  });

  test('installs offline beside nothing but its dependencies', async () => {
    const { stdout } = await run('npm', ['ls', '--all', '--parseable'], { cwd: consumer });
    const installed = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((path) => relative(join(consumer, 'node_modules'), path).split(sep).join('/'))
      .sort();
    assert.deepEqual(installed, [...dependencies, NAME].sort());
  });

  test(`\`import '${NAME}'\` type-checks: the element, its properties and events are typed`, async () => {
    await writeFile(join(consumer, 'consumer.ts'), CONSUMER_TS);
    // A browser project's settings, with no skipLibCheck: the package's own .d.ts files are checked too.
    const args = [
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--lib',
      'es2022,dom,dom.iterable',
      'consumer.ts',
    ];
    await run(process.execPath, [TSC, ...args], { cwd: consumer }).catch((error: { stdout?: string }) =>
      assert.fail(`tsc:\n${error.stdout}`),
    );
    // And it does check: a wrong property type is an error.
    await writeFile(join(consumer, 'wrong.ts'), `import '${NAME}';\ndocument.createElement('staff-chat').debug = 'yes';\n`);
    const wrong = await run(process.execPath, [TSC, ...args.slice(0, -1), 'wrong.ts'], { cwd: consumer }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    assert.match(wrong, /TS2322/);
  });

  test("the manifest the package names holds <staff-chat>'s public contract and nothing internal", async () => {
    const installed = join(consumer, 'node_modules', NAME);
    const manifestPath = (JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { customElements: string }).customElements;
    const manifest = JSON.parse(await readFile(join(installed, manifestPath), 'utf8')) as Manifest;
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
    assert.deepEqual(
      elements.map((element) => element.tagName),
      ['staff-chat'],
    );
    const [element] = elements;
    assert.ok(element);
    assert.ok(existsSync(join(installed, manifest.modules[0]!.path)), 'the module path is a file of the package');
    assert.deepEqual(manifest.modules[0]!.exports, [
      { kind: 'js', name: 'StaffChat', declaration: { name: 'StaffChat', module: 'dist/staff-chat.js' } },
      { kind: 'custom-element-definition', name: 'staff-chat', declaration: { name: 'StaffChat', module: 'dist/staff-chat.js' } },
    ]);
    assert.deepEqual(element.events?.map((event) => event.name).sort(), [
      'staff-chat-connection-change',
      'staff-chat-error',
      'staff-chat-message-send',
      'staff-chat-unread-change',
    ]);
    assert.deepEqual(element.attributes?.map((attribute) => attribute.name).sort(), [...OBSERVED, ...GLOBAL_ATTRIBUTES].sort());
    assert.ok(
      element.members?.some((member) => member.name === 'tokenProvider'),
      'tokenProvider, a property without attribute',
    );
    // Every part the element's JSDoc documents (build/widget-styling-docs.test.ts checks those against the styles).
    const documented = [...(await readFile(join(ROOT, 'widget/staff-chat.ts'), 'utf8')).matchAll(/@csspart ([a-z-]+)/g)].map(
      (match) => match[1],
    );
    assert.deepEqual(element.cssParts?.map((part) => part.name).sort(), documented.sort());
    for (const part of ['dock', 'panel', 'window', 'sidebar']) assert.ok(documented.includes(part), part);
    assert.ok(element.cssProperties?.some((property) => property.name === '--staff-chat-accent'));
    const text = JSON.stringify(manifest);
    for (const internal of [
      '(internal)',
      'conversation-select',
      'draft-change',
      'quote-open',
      '"staff-chat-panel"',
      'sessionKey',
      'syncSession',
    ]) {
      assert.ok(!text.includes(internal), `${internal} stays out of the manifest`);
    }
  });

  test("in Chromium, the file the package's exports resolve to registers <staff-chat> with the manifest's attributes, and its chunk the rest", async () => {
    const entry = createRequire(join(consumer, 'package.json')).resolve(NAME);
    assert.equal(relative(consumer, entry).split(sep).join('/'), `node_modules/${NAME}/dist/staff-chat.js`);
    const server = await serve(consumer);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
      const url = `/${relative(consumer, entry).split(sep).join('/')}`;
      const found = await page.evaluate(async (script) => {
        const module = (await import(script)) as Record<string, unknown>;
        // The script defines the tag as it runs, so it is there once the import resolves.
        const element = customElements.get('staff-chat') as unknown as { observedAttributes: string[] } | undefined;
        // Opening it loads the chunk with the panel and windows, which registers them.
        const chat = document.createElement('staff-chat');
        chat.setAttribute('open', '');
        document.body.append(chat);
        const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000));
        const lazy = await Promise.race([customElements.whenDefined('staff-chat-panel').then(() => true), timeout]);
        return {
          sameClass: module.StaffChat === element,
          exports: Object.keys(module).sort(),
          observed: element?.observedAttributes,
          lazy,
        };
      }, url);
      assert.ok(found.lazy, 'opening <staff-chat> loads and registers the panel from its chunk');
      assert.deepEqual(found.observed?.slice().sort(), [...OBSERVED].sort());
      assert.ok(found.sameClass, 'the exported StaffChat is the registered class');
      assert.deepEqual(found.exports, [
        'StaffChat',
        'StaffChatConnectionChangeEvent',
        'StaffChatErrorEvent',
        'StaffChatMessageSendEvent',
        'StaffChatUnreadChangeEvent',
      ]);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      server.close();
    }
  });
});

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

/** A static file server for `root` on loopback; `/index.html` is an empty page. */
async function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/index.html')
      return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>consumer</title>');
    const file = join(root, ...path.split('/').filter((part) => part && part !== '..'));
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}
