// The two ConfigMaps of a JindoRuntime (charts/jindocache/templates/config/*): `<name>-jindofs-config` with the files
// every Jindo pod reads (jindocache.cfg, cacheset.xml, jindosdk.cfg) and `<name>-jindofs-client-config` with the
// master addresses for clients. Same sections and keys as Fluid's chart, each section's keys sorted.
import { Construct } from 'constructs';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import { libraryLabels, releaseLabels } from '../../fluid-labels';
import { chartIdentity, names } from './labels';
import type { Properties } from './properties';
import type { CacheSet } from './mounts';
import type { JindoValues } from './values';

/** `<name>-jindofs-master-<i>.<ns>:<rpc>` for each master; none when the master is disabled. */
export function masterRpcAddresses(v: JindoValues): string[] {
  if (!v.masterEnabled) return [];
  return Array.from({ length: v.masterReplicas }, (_, i) => `${names.master(v)}-${i}.${v.ds.namespace}:${v.ports.masterRpc}`);
}

function section(title: string, ...parts: Properties[]): string {
  const merged: Properties = Object.assign({}, ...parts);
  const lines = Object.keys(merged)
    .sort()
    .map((k) => `${k} = ${merged[k]}`);
  return [`[${title}]`, ...lines].join('\n');
}

function rpcAddress(v: JindoValues): Properties {
  const addresses = masterRpcAddresses(v);
  return addresses.length ? { 'fs.jindocache.namespace.rpc.address': addresses.join(',') } : {};
}

function jindocacheCfg(v: JindoValues): string {
  const p = v.properties;
  return [
    section('jindocache-common', p.serverLog, p.token, p.fileStore),
    section('jindocache-server', p.master),
    section('jindocache-worker', p.worker),
    section('common', p.fuseLog, p.token),
    section('jindocache-client', rpcAddress(v), p.cacheClient),
  ].join('\n\n') + '\n';
}

function jindosdkCfg(v: JindoValues): string {
  const p = v.properties;
  return [section('common', p.fuseLog, p.token), section('jindosdk', rpcAddress(v), p.fuse)].join('\n\n') + '\n';
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (text: string | number) => String(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

function cachesetXml(sets: readonly CacheSet[]): string {
  const entries = sets.map((s) =>
    [
      '  <cacheset>',
      `    <name>${xml(s.name)}</name>`,
      `    <path>${xml(s.path)}</path>`,
      `    <cacheStrategy>${s.cacheStrategy}</cacheStrategy>`,
      `    <metaPolicy>`,
      `      <type>${s.metaPolicy}</type>`,
      `    </metaPolicy>`,
      `    <readPolicy>${s.readPolicy}</readPolicy>`,
      `    <readCacheReplica>${s.readCacheReplica}</readCacheReplica>`,
      `    <writePolicy>${s.writePolicy}</writePolicy>`,
      `    <writeCacheReplica>${s.writeCacheReplica}</writeCacheReplica>`,
      '  </cacheset>',
    ].join('\n'),
  );
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<cachesets>', ...entries, '</cachesets>', ''].join('\n');
}

/** The files of `<name>-jindofs-config`; they hold property names and secrets:// paths, never a secret value. */
export function serverConfigData(v: JindoValues): Record<string, string> {
  return { 'jindocache.cfg': jindocacheCfg(v), 'cacheset.xml': cachesetXml(v.cachesets), 'jindosdk.cfg': jindosdkCfg(v) };
}

export function addConfigMaps(scope: Construct, v: JindoValues): void {
  const id = chartIdentity(v);
  new RuntimeConfigMap(scope, 'Config', {
    name: names.config(v),
    labels: { name: names.config(v), ...releaseLabels(id), ...libraryLabels(id) },
    data: serverConfigData(v),
  });
  const addresses = masterRpcAddresses(v).join(',');
  const client = { ...releaseLabels(id), app: `${id.chartName}-client`, chart: `${id.chartName}-${id.chartVersion}-client` };
  new RuntimeConfigMap(scope, 'ClientConfig', {
    name: names.clientConfig(v),
    labels: { name: names.clientConfig(v), ...client, ...libraryLabels(id) },
    data: addresses ? { STORAGE_NAMESPACE_RPC_ADDRESS: addresses, CLIENT_NAMESPACE_RPC_ADDRESS: addresses } : {},
  });
}
