// Preloaded (`node -r`) into a CLI run by bench/yaml-read.ts: at exit, writes the process's peak resident memory
// and CPU time to the file named by BENCH_RSS_FILE, so the benchmark measures the command and nothing else.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
