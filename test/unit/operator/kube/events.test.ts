import { eventBody, eventName, NOTE_LIMIT_BYTES, truncateNote } from '../../../../operator/kube/events';

describe('truncateNote', () => {
  test('leaves a note within 1 kB alone', () => {
    const note = 'x'.repeat(NOTE_LIMIT_BYTES);
    expect(truncateNote(note)).toBe(note);
  });

  test('cuts a longer one to exactly the limit in UTF-8 bytes, ending in an ellipsis', () => {
    const cut = truncateNote('y'.repeat(5_000));
    expect(Buffer.byteLength(cut)).toBe(NOTE_LIMIT_BYTES);
    expect(cut.endsWith('y…')).toBe(true);
  });

  test('never splits a multi-byte character', () => {
    const cut = truncateNote('é'.repeat(600));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(NOTE_LIMIT_BYTES);
    expect(cut).toBe(`${'é'.repeat(510)}…`);
    expect(truncateNote('😀'.repeat(10), 10)).toBe('😀…');
  });
});

describe('eventName', () => {
  test("is client-go's <name>.<nanoseconds in hex>", () => {
    expect(eventName('imagenet', 0x18867251edfa0000n)).toBe('imagenet.18867251edfa0000');
    expect(eventName('imagenet', 255n)).toBe('imagenet.ff');
  });

  test('stays within 253 characters for a long object name', () => {
    const name = eventName('a'.repeat(253), 1n);
    expect(name).toHaveLength(253);
    expect(name.endsWith('a.1')).toBe(true);
  });
});

describe('eventBody', () => {
  const regarding = { apiVersion: 'data.fluid.io/v1alpha1', kind: 'Dataset', name: 'imagenet', namespace: 'team-a', uid: 'u-1' };
  const spec = { type: 'Warning' as const, reason: 'SpecInvalid', note: 'spec.mounts: required', action: 'Validate' };

  test('fills every field events.k8s.io/v1 requires, with a microsecond eventTime', () => {
    const body = JSON.parse(JSON.stringify(eventBody(regarding, spec, { name: 'imagenet.1', eventTimeMs: Date.UTC(2026, 0, 2, 3, 4, 5, 678), reportingInstance: 'pod-0' })));
    expect(body).toEqual({
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'imagenet.1', namespace: 'team-a' },
      eventTime: '2026-01-02T03:04:05.678000Z', regarding, type: 'Warning', reason: 'SpecInvalid', note: 'spec.mounts: required',
      action: 'Validate', reportingController: 'fluid-cdk8s', reportingInstance: 'pod-0',
    });
  });

  test('puts Events about cluster-scoped objects in default', () => {
    const body = eventBody({ apiVersion: 'v1', kind: 'PersistentVolume', name: 'team-a-imagenet' }, spec, { name: 'n', eventTimeMs: 0, reportingInstance: 'i' });
    expect(body.metadata?.namespace).toBe('default');
  });
});
