// What `fluid-cdk8s diff` compares: an object as it is in the cluster against the apiserver's dry run of what we
// would write, both with the bookkeeping left out that changes on every write or that nobody applies: server-set
// metadata, managedFields, status, and the operator's hash of what it sent (which differs whenever anything does,
// so it would only repeat the real change as a line of hex).
import { stringify } from 'yaml';
import { APPLIED_HASH } from '../../operator/reconcilers/desired-objects';
import { unifiedDiff } from './unified-diff';

/** Metadata the apiserver sets on every write. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid', 'selfLink'] as const;

export interface DiffableObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}

/** The object without what the diff leaves out, keys sorted so that two renderings line up. */
export function comparable(obj: DiffableObject): Record<string, unknown> {
  const { status: _status, metadata = {}, ...rest } = obj;
  const meta: Record<string, unknown> = { ...metadata };
  for (const key of SERVER_METADATA) delete meta[key];
  const annotations = { ...(meta.annotations as Record<string, string> | undefined) };
  delete annotations[APPLIED_HASH];
  if (Object.keys(annotations).length) meta.annotations = annotations;
  else delete meta.annotations;
  return sortedKeys({ ...rest, metadata: meta }) as Record<string, unknown>;
}

function yamlOf(obj: DiffableObject | undefined): string {
  return obj === undefined ? '' : stringify(comparable(obj), { lineWidth: 0 });
}

/** `Kind namespace/name`, or `Kind name` for a cluster-scoped object: the header of each object's diff. */
export function objectTitle(obj: { readonly kind?: string; readonly metadata?: { readonly name?: string; readonly namespace?: string } }): string {
  const ns = obj.metadata?.namespace;
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata?.name}`;
}

/**
 * The unified diff from `live` (undefined: the object does not exist yet) to `next`, under a `Kind ns/name` line;
 * the empty string when they agree.
 */
export function objectDiff(live: DiffableObject | undefined, next: DiffableObject): string {
  const title = objectTitle(next);
  const text = unifiedDiff(`live ${title}`, `applied ${title}`, yamlOf(live), yamlOf(next));
  return text && `${title}\n${text}`;
}
