// What a plan may look at: a read-only snapshot of the cluster, served by the informer caches in the operator and
// by a plain in-memory list in tests. Plans never do I/O.
import type { KubeObject } from '../../constructs/render-runtime';

export interface ObservedObject extends KubeObject {
  readonly metadata: KubeObject['metadata'] & {
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly generation?: number;
    readonly creationTimestamp?: string;
    readonly deletionTimestamp?: string;
    readonly finalizers?: readonly string[];
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly ownerReferences?: readonly { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  };
  readonly spec?: any;
  readonly status?: any;
}

export interface ClusterView {
  get(kind: string, name: string, namespace?: string): ObservedObject | undefined;
  list(kind: string, namespace?: string): readonly ObservedObject[];
}

/** A ClusterView over a fixed list of objects: for tests and for `synth`-like dry runs. */
export class StaticClusterView implements ClusterView {
  constructor(private readonly objects: readonly ObservedObject[]) {}

  get(kind: string, name: string, namespace?: string): ObservedObject | undefined {
    return this.objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  }

  list(kind: string, namespace?: string): readonly ObservedObject[] {
    return this.objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));
  }
}
