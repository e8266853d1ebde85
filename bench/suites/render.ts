import type { Flags } from '../support/flags.js';
import type { Row } from '../support/report.js';

export async function runRender(_flags: Flags, _dataDir: string): Promise<Row[]> {
  return [];
}
