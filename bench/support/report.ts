/**
 * One line of the results table. A row carries its own budget so the table, the JSON file and the
 * bundle check all judge it the same way.
 */
export interface Row {
  /** Which benchmark: `bundle`, `latency`, … */
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** The DESIGN.md budget on `value`, when there is one. */
  budget?: Bound;
  /** The bare baseline measured in the same run, in the same unit. */
  baseline?: { label: string; value: number };
  /** The DESIGN.md budget on `value / baseline.value`, when there is one. */
  ratioBudget?: Bound;
  note?: string;
}

/** `max`: the value must not exceed `limit`; `below`: strictly under; `min`: at least `limit`. */
export interface Bound {
  kind: 'max' | 'below' | 'min';
  limit: number;
}

export type Verdict = 'ok' | 'MISS' | '';

/** `value / baseline` (for rates, higher is better either way round the label reads). */
export function ratioOf(row: Row): number | undefined {
  if (!row.baseline || row.baseline.value === 0 || !Number.isFinite(row.baseline.value)) return undefined;
  return row.value / row.baseline.value;
}

export function within(value: number, bound: Bound): boolean {
  if (!Number.isFinite(value)) return false;
  if (bound.kind === 'max') return value <= bound.limit;
  if (bound.kind === 'below') return value < bound.limit;
  return value >= bound.limit;
}

/** `ok` when every budget of the row holds, `MISS` when one does not, empty when the row has none. */
export function verdict(row: Row): Verdict {
  const checks: boolean[] = [];
  if (row.budget) checks.push(within(row.value, row.budget));
  if (row.ratioBudget) {
    const ratio = ratioOf(row);
    checks.push(ratio !== undefined && within(ratio, row.ratioBudget));
  }
  if (checks.length === 0) return '';
  return checks.every(Boolean) ? 'ok' : 'MISS';
}

/** How far a missed row is from its budget, as a sentence; undefined when it is within. */
export function shortfall(row: Row): string | undefined {
  const parts: string[] = [];
  if (row.budget && !within(row.value, row.budget)) {
    parts.push(
      `${formatNumber(row.value)} ${row.unit} vs ${describe(row.budget)} ${formatNumber(row.budget.limit)} (${percentOff(row.value, row.budget)})`,
    );
  }
  const ratio = ratioOf(row);
  if (row.ratioBudget && (ratio === undefined || !within(ratio, row.ratioBudget))) {
    parts.push(`ratio ${ratio === undefined ? 'n/a' : ratio.toFixed(2)} vs ${describe(row.ratioBudget)} ${row.ratioBudget.limit}`);
  }
  return parts.length ? `${row.bench} ${row.metric}: ${parts.join('; ')}` : undefined;
}

function percentOff(value: number, bound: Bound): string {
  const off = ((value - bound.limit) / bound.limit) * 100;
  return `${off > 0 ? '+' : ''}${off.toFixed(0)}%`;
}

function describe(bound: Bound): string {
  return bound.kind === 'max' ? '<=' : bound.kind === 'below' ? '<' : '>=';
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The one table every run prints: plain text, aligned, readable in a CI log. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['benchmark', 'metric', 'value', 'budget', 'baseline', 'ratio', 'verdict'];
  const lines = rows.map((row) => {
    const ratio = ratioOf(row);
    return [
      row.bench,
      row.metric,
      `${formatNumber(row.value)} ${row.unit}`,
      [
        row.budget && `${describe(row.budget)} ${formatNumber(row.budget.limit)}`,
        row.ratioBudget && `ratio ${describe(row.ratioBudget)} ${row.ratioBudget.limit}`,
      ]
        .filter(Boolean)
        .join(', '),
      row.baseline ? `${formatNumber(row.baseline.value)} (${row.baseline.label})` : '',
      ratio === undefined ? '' : ratio.toFixed(2),
      verdict(row),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}
