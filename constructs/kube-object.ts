// A rendered Kubernetes object as JSON. Its own file so the package's construct declarations can name it without
// pulling in the engine contract (and every schema) for a consumer's type-check.

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}
