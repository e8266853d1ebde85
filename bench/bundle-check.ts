/**
 * `tsx bench/bundle-check.ts`: fails (exit 1) when `vite build`'s output passes a weight budget of
 * DESIGN.md. Runs after `vite build` inside `npm test`.
 */
import { ENTRY_FILE, ENTRY_GZIP_BUDGET, measureDist, TOTAL_GZIP_BUDGET } from './suites/bundle.js';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

try {
  const { entry, entryFiles, total, files, locales } = measureDist();
  const counted = files.length - Math.max(0, locales.length - 1);
  // A page loads one language: the budget counts the largest language chunk, not all of them.
  console.log(`language chunks (gzip, the largest counted): ${locales.map((file) => `${file.path} ${kb(file.gzip)}`).join(', ') || 'none'}`);
  const entryName = `dist/${ENTRY_FILE} with its static imports (${entryFiles.join(', ')})`;
  console.log(
    `entry with ${entryFiles.length - 1} static import(s) ${kb(entry.gzip)} / ${kb(ENTRY_GZIP_BUDGET)} gzip, ` +
      `${counted} of ${files.length} files (one language) ${kb(total.gzip)} / ${kb(TOTAL_GZIP_BUDGET)} gzip`,
  );
  const problems: string[] = [];
  if (entry.gzip > ENTRY_GZIP_BUDGET) {
    problems.push(`${entryName} is ${kb(entry.gzip)} gzip, over the ${kb(ENTRY_GZIP_BUDGET)} budget by ${kb(entry.gzip - ENTRY_GZIP_BUDGET)}.`);
  }
  if (total.gzip > TOTAL_GZIP_BUDGET) {
    const largest = [...files].sort((a, b) => b.gzip - a.gzip).slice(0, 3).map((file) => `${file.path} ${kb(file.gzip)}`);
    problems.push(`dist/**/*.js with one language is ${kb(total.gzip)} gzip, over the ${kb(TOTAL_GZIP_BUDGET)} budget by ${kb(total.gzip - TOTAL_GZIP_BUDGET)} (largest: ${largest.join(', ')}).`);
  }
  if (problems.length > 0) {
    console.error(`bundle budget exceeded:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('bundle within budget');
} catch (error) {
  console.error(`bundle check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
