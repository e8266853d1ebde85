/**
 * `tsx bench/analyze-bundle.ts [file-filter]`: which source modules the built files carry, and how much
 * of each file's gzip weight they account for. Reads `dist/**\/*.js.map` (mappings and sources only,
 * never printed); a module's share of a file's gzip is its share of the minified bytes, which is close
 * enough to see where the weight is. Run after `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

const dist = 'dist';
const filter = process.argv[2] ?? '';

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'types' ? [] : jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

for (const file of jsFiles(dist).filter((path) => path.includes(filter))) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const bytes = new Map<string, number>();
  decode(map.mappings).forEach((segments, line) => {
    const text = lines[line] ?? '';
    segments.forEach((segment, index) => {
      const end = segments[index + 1]?.[0] ?? text.length;
      const source = segment.length > 1 ? map.sources[segment[1]!]! : '(unmapped)';
      bytes.set(source, (bytes.get(source) ?? 0) + (end - segment[0]));
    });
  });
  const total = code.length;
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`\n${relative(dist, file)}: ${(total / 1000).toFixed(1)} KB, ${(gzip / 1000).toFixed(2)} KB gzip`);
  const rows = [...bytes].sort((a, b) => b[1] - a[1]);
  for (const [source, size] of rows) {
    if (size / total < 0.003) continue;
    const name = source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, 'npm:');
    console.log(`  ${(((size / total) * gzip) / 1000).toFixed(2).padStart(6)} KB gz  ${(size / 1000).toFixed(1).padStart(5)} KB  ${name}`);
  }
}
