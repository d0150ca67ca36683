// Locates ../shared/fluid-samples (real Fluid YAML) without copying it into the project.
// Under CI=true a missing folder is a failure, never a silent skip.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../cluster/repo-root';

export interface SampleEntry {
  readonly file: string;
  readonly source: string;
  readonly kinds: readonly string[];
  readonly names: readonly (string | null)[];
  readonly expect: 'accept' | 'reject';
  readonly fluidCrdIssues?: readonly string[];
}

export { REPO_ROOT };

/** FLUID_SAMPLES_DIR, else ../shared/fluid-samples beside the checkout, else where these machines keep it. */
export function samplesDir(): string {
  if (process.env.FLUID_SAMPLES_DIR) return process.env.FLUID_SAMPLES_DIR;
  const candidates = [resolve(REPO_ROOT, '..', 'shared', 'fluid-samples'), '/work/shared/fluid-samples'];
  return candidates.find((dir) => existsSync(join(dir, 'index.json'))) ?? candidates[0];
}

/** The index, or undefined outside CI when the folder is absent (then the caller skips). */
export function loadSampleIndex(): SampleEntry[] | undefined {
  const index = join(samplesDir(), 'index.json');
  if (!existsSync(index)) {
    if (process.env.CI === 'true') throw new Error(`Fluid samples not found at ${samplesDir()} (set FLUID_SAMPLES_DIR)`);
    return undefined;
  }
  return JSON.parse(readFileSync(index, 'utf8')) as SampleEntry[];
}

export function samplePath(entry: SampleEntry): string {
  return join(samplesDir(), entry.file);
}
