// Whether our field manager still owns what we render, as the apiserver records it after a create (an Update entry
// with only the fields it stored) and after an apply.
import { ownsAllFields, withOwnManagedFields } from '../../../../operator/reconcilers/field-ownership';

const desired = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'f', namespace: 'ns' }, spec: { template: { spec: { hostPID: false, dnsPolicy: 'ClusterFirst' } } } };
// What a create leaves: the apiserver stored no `hostPID: false` (an omitted zero value), so it is not in the field set.
const created = [{ manager: 'fluid-cdk8s', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:dnsPolicy': {} } } } } }];

describe('ownsAllFields', () => {
  it('counts a zero value the apiserver did not store as ours, so a created object is not applied again', () => {
    const live = { ...desired, spec: { template: { spec: { dnsPolicy: 'ClusterFirst' } } } };
    expect(ownsAllFields(desired, created, 'fluid-cdk8s', live)).toBe(true);
  });

  it('but not once someone has set that field', () => {
    const live = { ...desired, spec: { template: { spec: { dnsPolicy: 'ClusterFirst', hostPID: true } } } };
    expect(ownsAllFields(desired, created, 'fluid-cdk8s', live)).toBe(false);
  });

  it('nor without the stored object to look at', () => {
    expect(ownsAllFields(desired, created, 'fluid-cdk8s')).toBe(false);
  });
});

describe('withOwnManagedFields', () => {
  it("keeps only the manager's entries on the main resource", () => {
    const entries = [
      ...created,
      { manager: 'fluid-cdk8s', operation: 'Apply', subresource: 'status', fieldsV1: { 'f:status': {} } },
      { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': {} } },
    ];
    const kept = withOwnManagedFields({ metadata: { name: 'f', managedFields: entries } }, 'fluid-cdk8s');
    expect(kept.metadata.managedFields).toEqual(created);
  });

  it('drops the field when none is ours, and leaves objects without it alone', () => {
    const pod = { metadata: { name: 'p', managedFields: [{ manager: 'kubelet', operation: 'Update' }] } };
    expect(withOwnManagedFields(pod, 'fluid-cdk8s')).toEqual({ metadata: { name: 'p' } });
    const bare: { metadata: { name: string; managedFields?: [] } } = { metadata: { name: 'b' } };
    expect(withOwnManagedFields(bare, 'fluid-cdk8s')).toBe(bare);
  });
});
