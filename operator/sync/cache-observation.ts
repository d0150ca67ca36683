// What the cache sync last learned from a runtime's running cache, kept in the operator's memory and handed to the
// runtime's plan in its snapshot. The plan is the only writer of runtime and Dataset status (their conditions are
// atomic lists, so two writers would take each other's entries away); the sync only observes and asks for a
// reconcile when an observation changes.
import type { HcfsStatus } from '../../constructs/runtimes/cache-client';
import type { CacheStates } from '../../constructs/runtimes/cache-figures';

/** Dataset.status.ufsTotal and fileNum: a metadata sync running, or what the last one counted. */
export type UfsObservation =
  | { readonly state: 'calculating' }
  /** A field left undefined is one the engine does not count; the plan removes it. */
  | { readonly state: 'done'; readonly ufsTotal?: string; readonly fileNum?: string };

export interface CacheObservation {
  /** The cache figures of the last query that answered. */
  readonly cacheStates?: CacheStates;
  readonly ufs?: UfsObservation;
  readonly hcfs?: HcfsStatus;
  /** When the cache's UFS mounts were last brought in line with the Dataset (status.mountTime). */
  readonly mountTime?: string;
  /** Why the last round's queries failed; undefined when every query of the round answered. */
  readonly failure?: string;
}

/** Whether two observations would write the same status; the sync asks for a reconcile only when they differ. */
export function sameObservation(a: CacheObservation | undefined, b: CacheObservation | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
