// The rules Fluid enforces in code for a CacheRuntime (pkg/ddc/cache/engine/transform*.go, cm.go, dataset.go), checked
// before anything is built so each problem names its object and field instead of failing half-way through a setup.
import type { CacheRuntimeSpec, RuntimeTieredStoreLevel } from '../../../crds/schema/cache-runtime';
import type { EncryptOption } from '../../../crds/schema/common/encrypt-option';
import { parseQuantity } from '../../quantity';
import type { CacheRuntimeClassObject, EngineError, RenderInput } from '../runtime-engine';
import { isGuideForm } from './tiered-store';
import { CacheComponent, enabledComponents } from './topology';

type Input = RenderInput<CacheRuntimeSpec>;

const classError = (path: string, message: string): EngineError => ({ object: 'runtimeClass', path, message });
const runtimeError = (path: string, message: string): EngineError => ({ object: 'runtime', path, message });

function templateErrors(c: CacheComponent): EngineError[] {
  const base = `topology.${c.type}`;
  if (c.definition.template !== undefined && c.definition.podTemplateSpec !== undefined) {
    return [classError(`${base}.podTemplateSpec`, 'set either template (Fluid) or podTemplateSpec (CacheRuntime guide), not both')];
  }
  if (c.template.spec?.containers?.length) return [];
  return [classError(`${base}.${c.templateField}.spec.containers`, `the ${c.type} needs at least one container; container[0] runs the component`)];
}

/** The guide allows a headless Service only for a StatefulSet; Fluid's own form (no workloadType) keeps Fluid's rule. */
function serviceErrors(c: CacheComponent): EngineError[] {
  if (!c.serviceName || !c.kindDeclared || c.kind === 'StatefulSet') return [];
  return [classError(`topology.${c.type}.service.headless`, `a headless Service is only created for a StatefulSet component; workloadType.kind is ${c.kind}`)];
}

function extraConfigMapErrors(c: CacheComponent, declared: ReadonlySet<string>): EngineError[] {
  const wanted = c.definition.dependencies?.extraResources?.configMaps ?? [];
  const known = declared.size ? `declared: ${[...declared].join(', ')}` : 'extraResources.configMaps declares none';
  return wanted.flatMap((cm, i) => {
    const path = `topology.${c.type}.dependencies.extraResources.configMaps[${i}]`;
    if (!cm.name) return [classError(`${path}.name`, 'required: the name of a ConfigMap declared in extraResources.configMaps')];
    if (!cm.mountPath) return [classError(`${path}.mountPath`, 'required: where the ConfigMap is mounted in the component')];
    return declared.has(cm.name) ? [] : [classError(`${path}.name`, `ConfigMap "${cm.name}" is not declared in extraResources.configMaps; ${known}`)];
  });
}

function volumeMountErrors(c: CacheComponent, input: Input): EngineError[] {
  const runtimeVolumes = (input.runtime.spec.volumes ?? []).map((v) => v.name);
  const templateVolumes = (c.template.spec?.volumes ?? []).map((v) => v.name);
  const known = new Set([...runtimeVolumes, ...templateVolumes]);
  return (c.spec.volumeMounts ?? []).flatMap((m, i) =>
    known.has(m.name)
      ? []
      : [runtimeError(`spec.${c.type}.volumeMounts[${i}].name`, `volume "${m.name}" is not in spec.volumes${runtimeVolumes.length ? ` (${runtimeVolumes.join(', ')})` : ''} nor in the class template of the ${c.type}`)],
  );
}

function levelMediumCount(level: RuntimeTieredStoreLevel): number {
  return [level.processMemory, level.emptyDir, level.hostPath].filter((m) => m !== undefined).length + (isGuideForm(level) ? 1 : 0);
}

function zeroQuotaErrors(level: RuntimeTieredStoreLevel, path: string): EngineError[] {
  const quotas: [string, string | number | undefined][] = [
    [`${path}.processMemory.quota`, level.processMemory?.quota],
    [`${path}.emptyDir.quota`, level.emptyDir?.quota],
    [`${path}.quota`, level.quota],
    ...(level.hostPath?.quotas ?? []).map((q, j): [string, string | number] => [`${path}.hostPath.quotas[${j}]`, q]),
  ];
  return quotas.filter(([, q]) => q !== undefined && parseQuantity(q)?.nanos === 0n).map(([p]) => runtimeError(p, 'a cache tier needs a quota greater than zero'));
}

/** The guide form needs a quota, and a host directory unless its medium is an emptyDir. */
function guideFormErrors(level: RuntimeTieredStoreLevel, path: string): EngineError[] {
  if (!isGuideForm(level)) return [];
  const errors: EngineError[] = [];
  if (level.medium?.emptyDir && level.medium.hostPath) errors.push(runtimeError(`${path}.medium`, 'set one of medium.emptyDir or medium.hostPath'));
  if (level.quota === undefined) errors.push(runtimeError(`${path}.quota`, 'required with path/medium: the size of the tier, such as "40Gi"'));
  if (!level.medium?.emptyDir && !level.path) errors.push(runtimeError(`${path}.path`, 'required for a host-directory tier: the host directory to cache in'));
  return errors;
}

function levelErrors(level: RuntimeTieredStoreLevel, path: string): EngineError[] {
  const count = levelMediumCount(level);
  if (count !== 1) {
    return [runtimeError(path, `a tier takes exactly one medium: processMemory, emptyDir, hostPath, or path + quota (+ medium); found ${count}`)];
  }
  const hostPath = level.hostPath;
  const lengths = hostPath && hostPath.paths.length !== hostPath.quotas.length
    ? [runtimeError(`${path}.hostPath.quotas`, `needs one quota per path: ${hostPath.paths.length} path(s), ${hostPath.quotas.length} quota(s)`)]
    : [];
  return [...lengths, ...guideFormErrors(level, path), ...zeroQuotaErrors(level, path)];
}

function tieredStoreErrors(c: CacheComponent): EngineError[] {
  const base = `spec.${c.type}.tieredStore.levels`;
  const memoryLevels = c.tieredLevels.flatMap((l, i) => (l.processMemory ? [i] : []));
  const memoryErrors = memoryLevels
    .slice(1)
    .map((i) => runtimeError(`${base}[${i}].processMemory`, `at most one processMemory tier per component; levels[${memoryLevels[0]}] is one already`));
  return [...c.tieredLevels.flatMap((level, i) => levelErrors(level, `${base}[${i}]`)), ...memoryErrors];
}

function encryptOptionErrors(options: readonly EncryptOption[] | undefined, path: string): EngineError[] {
  return (options ?? []).flatMap((option, i) => {
    const ref = option.valueFrom?.secretKeyRef;
    const at = `${path}[${i}].valueFrom.secretKeyRef`;
    const why = `CacheRuntime mounts the Secret and hands the file of the key to the cache; name both (option "${option.name}")`;
    if (!ref?.name) return [{ object: 'dataset' as const, path: ref ? `${at}.name` : at, message: `required: ${why}` }];
    if (!ref.key) return [{ object: 'dataset' as const, path: `${at}.key`, message: `required: ${why}` }];
    return [];
  });
}

function datasetErrors(input: Input): EngineError[] {
  const spec = input.dataset.spec;
  return [
    ...encryptOptionErrors(spec.sharedEncryptOptions, 'spec.sharedEncryptOptions'),
    ...(spec.mounts ?? []).flatMap((m, i) => encryptOptionErrors(m.encryptOptions, `spec.mounts[${i}].encryptOptions`)),
  ];
}

function classErrors(runtimeClass: CacheRuntimeClassObject): EngineError[] {
  const topology = runtimeClass.topology ?? {};
  if (!topology.master && !topology.worker && !topology.client) {
    return [classError('topology', 'define at least one component: master, worker or client')];
  }
  return (runtimeClass.extraResources?.configMaps ?? []).flatMap((cm, i) =>
    cm.name ? [] : [classError(`extraResources.configMaps[${i}].name`, 'required: the ConfigMap is created with exactly this name')],
  );
}

function componentErrors(c: CacheComponent, input: Input, declared: ReadonlySet<string>): EngineError[] {
  return [...templateErrors(c), ...serviceErrors(c), ...extraConfigMapErrors(c, declared), ...volumeMountErrors(c, input), ...tieredStoreErrors(c)];
}

/** Every problem at once, so a user fixes them in one round. */
export function checkCacheRuntime(input: Input): EngineError[] {
  const runtimeClass = input.runtimeClass;
  if (!runtimeClass) {
    return [runtimeError('spec.runtimeClassName', `CacheRuntimeClass "${input.runtime.spec.runtimeClassName}" was not found; create it or name an existing one`)];
  }
  const declared = new Set((runtimeClass.extraResources?.configMaps ?? []).flatMap((cm) => (cm.name ? [cm.name] : [])));
  const components = enabledComponents(input.runtime.metadata.name, input.runtime.spec, runtimeClass);
  return [...classErrors(runtimeClass), ...datasetErrors(input), ...components.flatMap((c) => componentErrors(c, input, declared))];
}
