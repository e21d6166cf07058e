// Summarises a cargo-mutants outcomes.json: caught / missed / unviable /
// timeout per file, the share caught of the viable ones, and every missed
// mutant. Usage: node scripts/mutants-summary.mjs mutants.out/engine/mutants.out/outcomes.json
import { readFileSync } from 'node:fs';

const { outcomes } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const files = new Map();
const missed = [];
for (const o of outcomes) {
  const mutant = o.scenario?.Mutant;
  if (!mutant) continue; // the baseline
  const file = mutant.file;
  const row = files.get(file) ?? { caught: 0, missed: 0, unviable: 0, timeout: 0 };
  const kind = { CaughtMutant: 'caught', MissedMutant: 'missed', Unviable: 'unviable', Timeout: 'timeout' }[o.summary] ?? 'unviable';
  row[kind]++;
  files.set(file, row);
  if (kind === 'missed') missed.push(`${file}:${mutant.span?.start?.line ?? '?'}: ${mutant.name ?? JSON.stringify(mutant)}`);
}
const pct = (r) => (r.caught + r.missed + r.timeout ? (100 * (r.caught + r.timeout)) / (r.caught + r.missed + r.timeout) : 100);
const total = { caught: 0, missed: 0, unviable: 0, timeout: 0 };
console.log('file                                     caught  missed  timeout  unviable  caught %');
for (const [file, r] of [...files].sort()) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(`${file.padEnd(40)} ${String(r.caught).padStart(6)} ${String(r.missed).padStart(7)} ${String(r.timeout).padStart(8)} ${String(r.unviable).padStart(9)} ${pct(r).toFixed(1).padStart(9)}`);
}
console.log(`${'total'.padEnd(40)} ${String(total.caught).padStart(6)} ${String(total.missed).padStart(7)} ${String(total.timeout).padStart(8)} ${String(total.unviable).padStart(9)} ${pct(total).toFixed(1).padStart(9)}`);
if (missed.length) {
  console.log('\nmissed:');
  for (const m of missed) console.log('  ' + m);
}
