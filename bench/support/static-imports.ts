import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** `import … from "./x.js"` and bare `import "./x.js"`, but not `import("./x.js")`, which loads on first use. */
const STATIC_IMPORT = /\bimport\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The files a page downloads before the entry can run: the entry and everything it imports statically,
 * transitively. Chunks that are only imported dynamically are left out; they load on first use.
 */
export function staticClosure(distDir: string, entryFile: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const path = join(distDir, file);
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(path, 'utf8').matchAll(STATIC_IMPORT)) {
      visit(relative(distDir, join(dirname(path), match[1]!)));
    }
  };
  visit(entryFile);
  return [...seen];
}
