import * as fs from 'node:fs';
import * as path from 'node:path';
import { RecordedProcess } from './processes';
import { RealNodesRecord } from './real-node/real-node-record';

/**
 * What another process needs to stop a running cluster (`cluster down`): the owner to ask first, and
 * every component pid in start order as a fallback when the owner is gone.
 */
export interface ClusterState {
  readonly version: 1;
  /** The process that started the cluster and stops it on SIGTERM. */
  readonly owner: RecordedProcess;
  readonly dir: string;
  /** Whether stopping removes `dir` itself (the harness created it) or only what the harness put in it. */
  readonly removeDir: boolean;
  readonly kubeconfig: string;
  readonly server?: string;
  readonly processes: readonly RecordedProcess[];
  /** Present when the cluster has real nodes: what their cleanup needs once the processes are stopped. */
  readonly realNodes?: RealNodesRecord;
}

export const STATE_FILE_NAME = 'cluster-state.json';

export function stateFilePath(dir: string): string {
  return path.join(dir, STATE_FILE_NAME);
}

/** Written after every process start, so a crash half-way still leaves the pids to stop. */
export function writeState(state: ClusterState): void {
  const file = stateFilePath(state.dir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

export function readState(dir: string): ClusterState {
  const file = stateFilePath(dir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no cluster state in ${dir} (${file} does not exist)`);
    throw err;
  }
  const state = JSON.parse(text) as ClusterState;
  if (state.version !== 1) throw new Error(`${file} has unknown version ${String(state.version)}`);
  return state;
}
