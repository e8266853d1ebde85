/**
 * `tsx bench/profile-summary.ts FILE.cpuprofile [N]`: the N functions (and files) with the most self
 * time in a V8 CPU profile, e.g. one written by `tsx bench/run.ts --only=throughput --cpu-prof`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0);

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, micros] of selfTime) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const where = frame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '~/') || '(native)';
  const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const module = where.startsWith('~/')
    ? where
        .split('/')
        .slice(0, where.startsWith('~/@') ? 3 : 2)
        .join('/')
    : where;
  byFile.set(module, (byFile.get(module) ?? 0) + micros);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
    console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
print('self time by function', byFunction);
print('self time by package or file', byFile);
