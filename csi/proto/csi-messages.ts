// The CSI requests as handlers receive them: decoded with defaults (csi-v1-proto.ts), snake_case as in the spec.

/** VolumeCapability.AccessMode.Mode names. */
export type AccessModeName =
  | 'UNKNOWN' | 'SINGLE_NODE_WRITER' | 'SINGLE_NODE_READER_ONLY' | 'MULTI_NODE_READER_ONLY'
  | 'MULTI_NODE_SINGLE_WRITER' | 'MULTI_NODE_MULTI_WRITER' | 'SINGLE_NODE_SINGLE_WRITER' | 'SINGLE_NODE_MULTI_WRITER';

export interface VolumeCapability {
  readonly mount?: { readonly fs_type: string; readonly mount_flags: readonly string[] } | null;
  readonly block?: object | null;
  readonly access_mode?: { readonly mode: AccessModeName } | null;
}

export interface NodeStageVolumeRequest {
  readonly volume_id: string;
  readonly staging_target_path: string;
  readonly volume_capability?: VolumeCapability | null;
  readonly volume_context: Readonly<Record<string, string>>;
}

export interface NodeUnstageVolumeRequest {
  readonly volume_id: string;
  readonly staging_target_path: string;
}

export interface NodePublishVolumeRequest {
  readonly volume_id: string;
  readonly staging_target_path: string;
  readonly target_path: string;
  readonly volume_capability?: VolumeCapability | null;
  readonly readonly: boolean;
  readonly volume_context: Readonly<Record<string, string>>;
}

export interface NodeUnpublishVolumeRequest {
  readonly volume_id: string;
  readonly target_path: string;
}
