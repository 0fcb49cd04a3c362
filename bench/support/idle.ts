import { cpus } from 'node:os';

/** CPU time of all the machine's cores so far, busy and in all, in ms. */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, total };
}

/**
 * How busy other processes keep the machine, as a share of all its cores over `ms` (this
 * process left out): a figure measured beside other work is not the code's alone.
 */
export async function backgroundLoad(ms = 1_000): Promise<number> {
  const before = machineTimes();
  const own = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineTimes();
  const { user, system } = process.cpuUsage(own);
  const others = after.busy - before.busy - (user + system) / 1000;
  return Math.max(0, others) / Math.max(1, after.total - before.total);
}
