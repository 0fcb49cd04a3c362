import { readFileSync } from 'node:fs';
import { normalizeAndDeflate } from '/work/main/src/adapters/normalizer/normalize-task.ts';
const data = readFileSync('/work/main/.data/bench/json-200m.log').subarray(0, Number(process.env.MB ?? 40) * 1048576);
const blocks: { bytes: Uint8Array; firstLine: number; overlong: number[] }[] = [];
let start = 0;
while (start < data.length) { let end = Math.min(start + 256 * 1024, data.length); end = data.lastIndexOf(10, end - 1) + 1; if (end <= start) break; blocks.push({ bytes: new Uint8Array(data.subarray(start, end)), firstLine: 1, overlong: [] }); start = end; }
const spec = { format: 'json' as const, uploadedAt: new Date(), maxEventBytes: 1 << 20 };
const res: string[] = [];
for (let r = 0; r < Number(process.env.REPS ?? 9); r++) {
  const t = performance.now(); const c = process.cpuUsage(); let n = 0;
  for (const b of blocks) n += normalizeAndDeflate({ ...b, bytes: b.bytes }, spec).length;
  const s = (performance.now() - t) / 1000; const cu = process.cpuUsage(c); const cpu = (cu.user + cu.system) / 1e6;
  res.push(`wall ${s.toFixed(2)} cpu ${cpu.toFixed(2)}`);
}
const walls = res.map((r) => Number(r.split(' ')[1])).sort((a, b) => a - b);
console.log(process.argv[2] ?? '', 'min', walls[0], 'median', walls[4]);
