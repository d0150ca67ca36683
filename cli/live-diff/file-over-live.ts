// The cluster as the operator would see it once the files are applied: each object of the files takes the place of
// its stored copy, keeping what the cluster and the operator keep on it (UID, finalizers, owner references, labels
// and annotations the operator added such as the recorded host ports, and status), so the runtime's plan resolves
// exactly as the operator's would after `kubectl apply`.
import type { ObservedObject } from '../../operator/reconcilers/cluster-view';
import { placeholderUid } from '../../operator/reconcilers/synthesize';

/** What an apply of a Fluid document sets: everything but the object's identity, metadata and status. */
const NOT_CONTENT = new Set(['apiVersion', 'kind', 'metadata', 'status']);

function content(obj: ObservedObject): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !NOT_CONTENT.has(k)));
}

/**
 * The object of the file over its stored copy: the file's content (spec, or a class's top-level fields) replaces
 * the stored content, its labels and annotations are added; managedFields are left out, so a replace keeps them.
 * Without a stored copy, the file's object with a placeholder UID.
 */
export function fileOverLive(file: ObservedObject, live: ObservedObject | undefined): ObservedObject {
  if (live === undefined) return { ...file, metadata: { ...file.metadata, uid: placeholderUid(file) } };
  const { managedFields: _managed, ...liveMeta } = live.metadata;
  const labels = { ...liveMeta.labels, ...file.metadata.labels };
  const annotations = { ...liveMeta.annotations, ...file.metadata.annotations };
  return {
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: {
      ...liveMeta,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    ...content(file),
    ...(live.status !== undefined ? { status: live.status } : {}),
  };
}

const keyOf = (o: ObservedObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The stored objects, each one the files hold replaced by fileOverLive, and the files' new objects added. */
export function clusterWithFiles(live: readonly ObservedObject[], files: readonly ObservedObject[], stored: (file: ObservedObject) => ObservedObject | undefined): ObservedObject[] {
  const fromFiles = new Map(files.map((f) => [keyOf(f), fileOverLive(f, stored(f))]));
  const kept = live.filter((o) => !fromFiles.has(keyOf(o)));
  return [...kept, ...fromFiles.values()];
}
