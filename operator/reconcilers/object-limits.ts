// Kubernetes' length limits on the names and label values of the objects an engine renders, checked after
// rendering and before anything is applied. The apiserver refuses a label value over 63 bytes (422) and a Service
// name that is not a DNS-1035 label, and some limits it does not check at all: a StatefulSet whose name leaves no
// room for the controller-revision-hash label is accepted, then never gets a pod. Checking every rendered object
// here covers every engine, including ones written outside this repository, with a message that says which object,
// which field and which limit, instead of an apiserver error after part of the runtime was already created.
import type { KubeObject } from '../../constructs/render-runtime';

/** A label value, and the name part of a label key (k8s.io/apimachinery validation.LabelValueMaxLength). */
export const LABEL_VALUE_LIMIT = 63;
/** Object names that are DNS subdomains: most kinds (validation.DNS1123SubdomainMaxLength). */
export const DNS_SUBDOMAIN_LIMIT = 253;
/** Object names that are DNS labels: Services, whose name is a DNS name in the cluster (DNS1035LabelMaxLength). */
export const DNS_LABEL_LIMIT = 63;
/**
 * A StatefulSet's pods carry `controller-revision-hash: <name>-<hash of up to 10 characters>` and a CronJob's Jobs are
 * `<name>-<minutes since epoch, 8+ digits>`, both of which must fit 63 (kubernetes/kubernetes#64023; the apiserver
 * enforces 52 for CronJobs only).
 */
export const STATEFULSET_NAME_LIMIT = 52;
export const CRONJOB_NAME_LIMIT = 52;

/** Name limits per kind beyond the subdomain limit every object has. */
const NAME_LIMITS: Readonly<Record<string, { readonly limit: number; readonly why: string }>> = {
  Service: { limit: DNS_LABEL_LIMIT, why: 'a Service name is a DNS label' },
  StatefulSet: { limit: STATEFULSET_NAME_LIMIT, why: "its pods' controller-revision-hash label is the name plus 11 characters" },
  // The Job controller labels each pod job-name=<name>.
  Job: { limit: LABEL_VALUE_LIMIT, why: "its pods' job-name label is the name" },
  CronJob: { limit: CRONJOB_NAME_LIMIT, why: 'the Jobs it starts are named after it plus 11 characters' },
};

export interface LimitViolation {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Where in the object, e.g. `metadata.labels["name"]`. */
  readonly field: string;
  /** The offending name, key or value. */
  readonly value: string;
  /** Its length in bytes. */
  readonly bytes: number;
  readonly limit: number;
  readonly why: string;
}

const bytes = (s: string) => Buffer.byteLength(s);

/** The label maps of an object, with their paths: its own, selectors, and pod templates (also a CronJob's). */
function labelMaps(obj: KubeObject): [string, Record<string, unknown> | undefined][] {
  const spec = obj.spec as Record<string, any> | undefined;
  const maps: [string, Record<string, unknown> | undefined][] = [['metadata.labels', (obj.metadata as Record<string, any>).labels]];
  if (!spec) return maps;
  maps.push(['spec.selector.matchLabels', spec.selector?.matchLabels], ['spec.template.metadata.labels', spec.template?.metadata?.labels]);
  // A Service's selector is a plain label map.
  if (obj.kind === 'Service') maps.push(['spec.selector', spec.selector]);
  const job = spec.jobTemplate;
  if (job) maps.push(['spec.jobTemplate.metadata.labels', job.metadata?.labels], ['spec.jobTemplate.spec.template.metadata.labels', job.spec?.template?.metadata?.labels]);
  return maps;
}

/** The name part of a label key: after the prefix and its slash. */
function keyName(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? key : key.slice(slash + 1);
}

/** Every length limit one object breaks, in field order. */
export function objectLimitViolations(obj: KubeObject): LimitViolation[] {
  const at = { kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace };
  const out: LimitViolation[] = [];
  const nameRule = NAME_LIMITS[obj.kind] ?? { limit: DNS_SUBDOMAIN_LIMIT, why: 'an object name is a DNS subdomain' };
  if (bytes(obj.metadata.name) > nameRule.limit) out.push({ ...at, field: 'metadata.name', value: obj.metadata.name, bytes: bytes(obj.metadata.name), ...nameRule });
  for (const [path, labels] of labelMaps(obj)) {
    if (!labels || typeof labels !== 'object') continue;
    for (const [key, value] of Object.entries(labels)) {
      if (bytes(keyName(key)) > LABEL_VALUE_LIMIT) out.push({ ...at, field: `${path} key "${key}"`, value: key, bytes: bytes(keyName(key)), limit: LABEL_VALUE_LIMIT, why: 'the name part of a label key is at most 63 bytes' });
      if (typeof value === 'string' && bytes(value) > LABEL_VALUE_LIMIT) out.push({ ...at, field: `${path}["${key}"]`, value, bytes: bytes(value), limit: LABEL_VALUE_LIMIT, why: 'a label value is at most 63 bytes' });
    }
  }
  return out;
}

/** The first violation of each object, so a long name is reported once per object rather than once per label. */
export function limitViolations(objects: readonly KubeObject[]): LimitViolation[] {
  return objects.flatMap((o) => objectLimitViolations(o).slice(0, 1));
}

/** Clauses in a message: enough to see the pattern, short enough for an Event note (1 kB). */
const SHOWN = 3;

/**
 * One clause per violation (the first few), naming the object, the field and the limit. When every offending value derives from
 * `ownerName` (the runtime's name, which the Dataset shares), it also says how much shorter that name must be.
 */
export function limitMessage(violations: readonly LimitViolation[], ownerName?: string): string {
  const each = violations.slice(0, SHOWN).map((v) => `${v.kind} ${v.namespace ? `${v.namespace}/` : ''}${v.name}: ${v.field} would be ${v.bytes} bytes, over the ${v.limit}-byte limit (${v.why})`);
  if (violations.length > SHOWN) each.push(`${violations.length - SHOWN} more object(s) likewise`);
  const derived = ownerName !== undefined && violations.every((v) => v.value.includes(ownerName));
  if (!derived) return each.join('; ');
  const excess = Math.max(...violations.map((v) => v.bytes - v.limit));
  return `${each.join('; ')}; these derive from the name ${ownerName.length} characters long: use a name at most ${ownerName.length - excess} characters long`;
}
