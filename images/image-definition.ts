// The contract of one image the project builds without a registry or a Docker daemon.
import { Layer } from './layer';
import { ImageRuntimeConfig } from './oci-layout';

export interface ImageBuild {
  /** Bottom layer first. */
  readonly layers: readonly Layer[];
  readonly config: ImageRuntimeConfig;
}

/** A built image in the store. */
export interface BuiltImage {
  /** The definition's name, e.g. `operator`. */
  readonly name: string;
  /** The content hash that tags it: the first 16 hex digits of the hash of its inputs. */
  readonly key: string;
  /** `fluid-cdk8s.local/<name>:<key>`: a name no registry serves, so nothing ever pulls it by mistake. */
  readonly reference: string;
  /** `reference` and the definition's aliases. */
  readonly names: readonly string[];
  readonly layers: readonly Layer[];
  readonly config: ImageRuntimeConfig;
  /** Bytes of all layers, uncompressed. */
  readonly size: number;
  /** How long the build took; 0 when it came from the store. */
  readonly buildMs: number;
}

export interface KeyContext {
  /** Another image's key, for images built on top of it. */
  keyOf(def: ImageDefinition): Promise<string>;
}

export interface BuildContext extends KeyContext {
  /** An empty scratch folder on the store's filesystem; layer files written here are moved into the store. */
  readonly workDir: string;
  /** Another image, built if needed, for its layers. */
  image(def: ImageDefinition): Promise<BuiltImage>;
  readonly log: (line: string) => void;
}

export interface ImageDefinition {
  /** Short name, also the last part of the repository: `operator`, `busybox` ... */
  readonly name: string;
  /** More names to import the image under, e.g. the operator image `fluid-cdk8s install` names. */
  readonly aliases?: readonly string[];
  /**
   * What the image is made from, as strings hashed into its tag (file digests, package lists, base keys). Much
   * cheaper than `build`: an unchanged image is found by these alone.
   */
  inputs(ctx: KeyContext): Promise<readonly string[]>;
  build(ctx: BuildContext): Promise<ImageBuild>;
}

/** Registry host of the images built here; `.local` is reserved, so no pull can ever reach a real registry. */
export const LOCAL_REGISTRY = 'fluid-cdk8s.local';
