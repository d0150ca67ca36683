// The kubelet's plugin-registration API (k8s.io/kubelet pkg/apis/pluginregistration/v1/api.proto), which a plugin
// serves on a socket in <kubelet root>/plugins_registry: the kubelet's plugin watcher finds the socket, asks GetInfo
// where the CSI endpoint is, registers the driver and reports back through NotifyRegistrationStatus. Serving it
// ourselves replaces the node-driver-registrar sidecar. The package is `pluginregistration`, as the kubelet dials it.
export const PLUGIN_REGISTRATION_PROTO = `
syntax = "proto3";
package pluginregistration;

service Registration {
  rpc GetInfo(InfoRequest) returns (PluginInfo) {}
  rpc NotifyRegistrationStatus(RegistrationStatus) returns (RegistrationStatusResponse) {}
}

message InfoRequest {}

message PluginInfo {
  string type = 1;
  string name = 2;
  string endpoint = 3;
  repeated string supported_versions = 4;
}

message RegistrationStatus {
  bool plugin_registered = 1;
  string error = 2;
}

message RegistrationStatusResponse {}
`;
