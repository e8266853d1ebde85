/**
 * Widget weight: the drop-in script and everything `vite build` emits, raw, gzip and brotli, beside
 * each library bundled alone with esbuild (minified), so a regression can be told apart from a library
 * growing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { distDir, repoRoot } from '../support/paths.js';
import { staticClosure } from '../support/static-imports.js';
import type { Row } from '../support/report.js';

/** DESIGN.md "Budgets", in bytes (1 KB = 1000 bytes, the stricter reading). */
export const ENTRY_GZIP_BUDGET = 40_000;
export const TOTAL_GZIP_BUDGET = 60_000;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface BundleSizes {
  /** The entry and every chunk it imports statically: what a portal page downloads before the element runs. */
  entry: Sizes;
  /** The files counted in `entry`. */
  entryFiles: string[];
  /**
   * What one person downloads at most: every .js file under dist/ except the language chunks, plus the
   * largest of those (a page loads one language), each compressed on its own and summed.
   */
  total: Sizes;
  files: ({ path: string } & Sizes)[];
  /** The language chunks (`chunks/locale-*.js`, see vite.config.ts), largest first. */
  locales: ({ path: string } & Sizes)[];
}

/** A language chunk's name in dist/, as vite.config.ts names it. */
const LOCALE_CHUNK = /^chunks\/locale-[^/]+\.js$/;

/** The widget entry's name inside dist/. */
export const ENTRY_FILE = 'staff-chat.js';

/** Sizes of `vite build`'s output; throws with a hint when the build has not been run. */
export function measureDist(dir = distDir): BundleSizes {
  const entryPath = join(dir, ENTRY_FILE);
  if (!existsSync(entryPath)) throw new Error(`${entryPath} does not exist: run \`npx vite build\` first.`);
  const files = listJs(dir).map((path) => ({ path: relative(dir, path), ...sizesOf(readFileSync(path)) }));
  const entryFiles = staticClosure(dir, ENTRY_FILE);
  const entry = sum(files.filter((file) => entryFiles.includes(file.path)));
  const locales = files.filter((file) => LOCALE_CHUNK.test(file.path)).sort((a, b) => b.gzip - a.gzip);
  const counted = files.filter((file) => !LOCALE_CHUNK.test(file.path)).concat(locales.slice(0, 1));
  return { entry, entryFiles, total: sum(counted), files, locales };
}

/** Each file compressed on its own and summed: what a browser downloads. */
function sum(files: Sizes[]): Sizes {
  return files.reduce<Sizes>(
    (total, file) => ({ raw: total.raw + file.raw, gzip: total.gzip + file.gzip, brotli: total.brotli + file.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

/** gzip -9 and brotli at maximum quality: what a well-configured CDN serves. */
export function sizesOf(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJs(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** The three libraries the widget carries, imported the way the widget imports them. */
const LIBRARIES: Record<string, string> = {
  lit: `export * from 'lit'; export * from 'lit/directives/repeat.js';`,
  'pusher-js': `export { default } from 'pusher-js/dist/worker/pusher.worker.js';`,
  nanostores: `export * from 'nanostores';`,
};

/** One library (or all three) bundled alone, minified, as an ES module for browsers. */
export async function measureLibrary(source: string): Promise<Sizes> {
  const result = await build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return sizesOf(Buffer.from(output.contents));
}

/** Rows for the table: the widget against its budgets, each library alone for comparison. */
export async function runBundle(): Promise<Row[]> {
  const dist = measureDist();
  const rows: Row[] = [
    {
      bench: 'bundle',
      metric: `entry staff-chat.js + static imports gzip (${dist.entryFiles.length} files)`,
      value: dist.entry.gzip / 1000,
      unit: 'KB',
      budget: { kind: 'max', limit: ENTRY_GZIP_BUDGET / 1000 },
    },
    { bench: 'bundle', metric: 'entry + static imports brotli', value: dist.entry.brotli / 1000, unit: 'KB' },
    { bench: 'bundle', metric: 'entry + static imports raw', value: dist.entry.raw / 1000, unit: 'KB' },
    {
      bench: 'bundle',
      metric: `dist/**/*.js gzip, one language (${dist.files.length - Math.max(0, dist.locales.length - 1)} of ${dist.files.length} files)`,
      value: dist.total.gzip / 1000,
      unit: 'KB',
      budget: { kind: 'max', limit: TOTAL_GZIP_BUDGET / 1000 },
    },
    { bench: 'bundle', metric: 'dist/**/*.js brotli, one language', value: dist.total.brotli / 1000, unit: 'KB' },
    ...dist.locales.map((file): Row => ({ bench: 'bundle', metric: `${file.path} gzip`, value: file.gzip / 1000, unit: 'KB' })),
  ];
  const all = Object.values(LIBRARIES)
    .join('\n')
    .replace(
      `export { default } from 'pusher-js/dist/worker/pusher.worker.js';`,
      `export { default as Pusher } from 'pusher-js/dist/worker/pusher.worker.js';`,
    );
  for (const [name, source] of Object.entries({ ...LIBRARIES, 'lit+pusher-js+nanostores': all })) {
    const sizes = await measureLibrary(source);
    rows.push({
      bench: 'bundle',
      metric: `${name} alone, minified gzip`,
      value: sizes.gzip / 1000,
      unit: 'KB',
      note: `raw ${sizes.raw}, brotli ${sizes.brotli}`,
    });
  }
  return rows;
}
