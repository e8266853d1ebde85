import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.js';

type ParamValue = string | number | null;

/** A query compiled once, run many times with new parameter values. */
export type PreparedQuery<P, R> = (db: Kysely<Database>, params: P) => Promise<QueryResult<R>>;

const MARK = '\u0000staff-chat-param:';

/**
 * Compiles `build` once and returns a runner that only swaps the parameter values. Building and
 * compiling a Kysely query costs more than SQLite takes to run it, and the send path runs the same
 * few queries thousands of times a second.
 *
 * `build` receives markers in place of the values, so it must pass each parameter straight into the
 * query as a value (no arithmetic, no branching on it, no lists). Run the result with `db` or a
 * transaction of it.
 *
 * @example
 * const byId = prepare(db, (db, p: { id: number }) => db.selectFrom('staff').selectAll().where('id', '=', p.id));
 * const { rows } = await byId(db, { id: 7 });
 */
export function prepare<P extends Record<string, ParamValue>, R>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  const markers = new Proxy({} as P, { get: (_target, key) => `${MARK}${String(key)}` });
  const { sql, parameters } = build(db, markers).compile();
  if (sql.includes(MARK)) throw new Error('prepare(): a parameter was inlined into the SQL');
  // Each slot is a parameter name, or a constant that `build` put in the query itself.
  const slots = parameters.map((value): { key: string } | { key: null; value: unknown } =>
    typeof value === 'string' && value.startsWith(MARK) ? { key: value.slice(MARK.length) } : { key: null, value },
  );
  return (runner, params) => {
    const named = params as Record<string, unknown>;
    const values = slots.map((slot) => (slot.key === null ? slot.value : named[slot.key]));
    return runner.executeQuery<R>(CompiledQuery.raw(sql, values));
  };
}
