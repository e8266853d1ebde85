import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `vite build`'s output: the drop-in script and its lazily loaded chunks. */
export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));

export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
