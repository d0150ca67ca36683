import * as fs from 'node:fs';
import { ClusterDir, removeClusterDir } from './cluster-dir';
import { DEFAULT_STOP_GRACE_MS, runs, stopRecordedProcess, StopOutcome } from './processes';
import { cleanUpRealNodes } from './real-node/real-node-cleanup';
import { readState } from './state-file';

/** The owner stops five components one after another, each with its own grace period. */
const OWNER_GRACE_MS = 6 * DEFAULT_STOP_GRACE_MS;

/**
 * Stops the cluster recorded in `dir` from another process (`cluster down`).
 * First asks the owner (SIGTERM), which stops components in order and deletes the folder. If the owner is
 * gone or does not finish, stops the recorded components itself, in reverse start order, then deletes the folder.
 */
export async function stopClusterFromState(dir: string, log: (line: string) => void = () => undefined): Promise<StopOutcome[]> {
  const state = readState(dir);
  const outcomes: StopOutcome[] = [];
  if (state.owner.pid !== process.pid && runs(state.owner)) {
    log(`Asking the owner (pid ${state.owner.pid}) to stop the cluster`);
    outcomes.push(await stopRecordedProcess(state.owner, OWNER_GRACE_MS));
  }
  for (const proc of [...state.processes].reverse()) {
    const outcome = await stopRecordedProcess(proc);
    if (outcome.how !== 'gone') log(`Stopped ${outcome.name} (pid ${outcome.pid}): ${outcome.how} after ${outcome.ms} ms`);
    outcomes.push(outcome);
  }
  if (state.realNodes !== undefined) {
    for (const line of cleanUpRealNodes(state.realNodes, state.dir)) log(`Removed ${line}`);
  }
  if (fs.existsSync(state.dir)) {
    const clusterDir: ClusterDir = { path: state.dir, created: state.removeDir };
    removeClusterDir(clusterDir);
    log(`Removed ${state.dir}`);
  }
  return outcomes;
}
