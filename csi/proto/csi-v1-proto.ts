// The part of the CSI v1 API (container-storage-interface/spec, csi.proto) this node plugin serves, as .proto text:
// the Identity service and the Node RPCs a kubelet calls on a driver with STAGE_UNSTAGE_VOLUME. Field numbers and
// enum values are the spec's; messages and fields we never read or write are left out, which protobuf's wire format
// allows (unknown fields are skipped on decode). Fields the kubelet sends but we ignore (secrets, publish_context,
// the block access type) are declared anyway where leaving them out would hide what a request carries.
export const CSI_V1_PROTO = `
syntax = "proto3";
package csi.v1;

service Identity {
  rpc GetPluginInfo(GetPluginInfoRequest) returns (GetPluginInfoResponse) {}
  rpc GetPluginCapabilities(GetPluginCapabilitiesRequest) returns (GetPluginCapabilitiesResponse) {}
  rpc Probe(ProbeRequest) returns (ProbeResponse) {}
}

service Node {
  rpc NodeStageVolume(NodeStageVolumeRequest) returns (NodeStageVolumeResponse) {}
  rpc NodeUnstageVolume(NodeUnstageVolumeRequest) returns (NodeUnstageVolumeResponse) {}
  rpc NodePublishVolume(NodePublishVolumeRequest) returns (NodePublishVolumeResponse) {}
  rpc NodeUnpublishVolume(NodeUnpublishVolumeRequest) returns (NodeUnpublishVolumeResponse) {}
  rpc NodeGetCapabilities(NodeGetCapabilitiesRequest) returns (NodeGetCapabilitiesResponse) {}
  rpc NodeGetInfo(NodeGetInfoRequest) returns (NodeGetInfoResponse) {}
}

message GetPluginInfoRequest {}
message GetPluginInfoResponse {
  string name = 1;
  string vendor_version = 2;
  map<string, string> manifest = 3;
}

message GetPluginCapabilitiesRequest {}
message GetPluginCapabilitiesResponse {
  repeated PluginCapability capabilities = 1;
}
message PluginCapability {
  message Service {
    enum Type {
      UNKNOWN = 0;
      CONTROLLER_SERVICE = 1;
      VOLUME_ACCESSIBILITY_CONSTRAINTS = 2;
    }
    Type type = 1;
  }
  oneof type {
    Service service = 1;
  }
}

message ProbeRequest {}
message ProbeResponse {
  .google.protobuf.BoolValue ready = 1;
}

message VolumeCapability {
  message BlockVolume {}
  message MountVolume {
    string fs_type = 1;
    repeated string mount_flags = 2;
    string volume_mount_group = 3;
  }
  message AccessMode {
    enum Mode {
      UNKNOWN = 0;
      SINGLE_NODE_WRITER = 1;
      SINGLE_NODE_READER_ONLY = 2;
      MULTI_NODE_READER_ONLY = 3;
      MULTI_NODE_SINGLE_WRITER = 4;
      MULTI_NODE_MULTI_WRITER = 5;
      SINGLE_NODE_SINGLE_WRITER = 6;
      SINGLE_NODE_MULTI_WRITER = 7;
    }
    Mode mode = 1;
  }
  oneof access_type {
    BlockVolume block = 1;
    MountVolume mount = 2;
  }
  AccessMode access_mode = 3;
}

message NodeStageVolumeRequest {
  string volume_id = 1;
  map<string, string> publish_context = 2;
  string staging_target_path = 3;
  VolumeCapability volume_capability = 4;
  map<string, string> secrets = 5;
  map<string, string> volume_context = 6;
}
message NodeStageVolumeResponse {}

message NodeUnstageVolumeRequest {
  string volume_id = 1;
  string staging_target_path = 2;
}
message NodeUnstageVolumeResponse {}

message NodePublishVolumeRequest {
  string volume_id = 1;
  map<string, string> publish_context = 2;
  string staging_target_path = 3;
  string target_path = 4;
  VolumeCapability volume_capability = 5;
  bool readonly = 6;
  map<string, string> secrets = 7;
  map<string, string> volume_context = 8;
}
message NodePublishVolumeResponse {}

message NodeUnpublishVolumeRequest {
  string volume_id = 1;
  string target_path = 2;
}
message NodeUnpublishVolumeResponse {}

message NodeGetCapabilitiesRequest {}
message NodeGetCapabilitiesResponse {
  repeated NodeServiceCapability capabilities = 1;
}
message NodeServiceCapability {
  message RPC {
    enum Type {
      UNKNOWN = 0;
      STAGE_UNSTAGE_VOLUME = 1;
      GET_VOLUME_STATS = 2;
      EXPAND_VOLUME = 3;
    }
    Type type = 1;
  }
  oneof type {
    RPC rpc = 1;
  }
}

message NodeGetInfoRequest {}
message NodeGetInfoResponse {
  string node_id = 1;
  int64 max_volumes_per_node = 2;
  Topology accessible_topology = 3;
}
message Topology {
  map<string, string> segments = 1;
}
`;

/** google.protobuf.BoolValue, the one well-known type used here (ProbeResponse.ready); parsed into the same root first. */
export const WRAPPERS_PROTO = `
syntax = "proto3";
package google.protobuf;

message BoolValue {
  bool value = 1;
}
`;
