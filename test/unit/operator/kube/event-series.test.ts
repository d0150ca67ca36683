// Repeats of an Event become a count on one object, as client-go's correlators make them.
import { EventSeriesCache, flushDelay, SERIES_IDLE_MS, seriesKey } from '../../../../operator/kube/event-series';
import { microTime } from '../../../../operator/kube/events';

const event = (note = 'held by pod p') => ({ regarding: { kind: 'Dataset', namespace: 'ns', name: 'd', uid: 'u' }, type: 'Warning', reason: 'ErrorDeleteDataset', action: 'Delete', note });

describe('EventSeriesCache', () => {
  it('counts repeats of one key on the Event that started the series', () => {
    const cache = new EventSeriesCache();
    const key = seriesKey(event());
    expect(cache.observe(key, 0)).toEqual({ kind: 'new' });
    cache.start(key, 'd.1', 'ns', 0);
    const second = cache.observe(key, 10_000);
    const third = cache.observe(key, 20_000);
    expect(second.kind === 'repeat' && third.kind === 'repeat').toBe(true);
    expect(third).toMatchObject({ kind: 'repeat', entry: { name: 'd.1', namespace: 'ns', count: 3, lastObservedMs: 20_000, writtenCount: 1 } });
  });

  it('keys on object, type, reason, action and note: another note is another Event', () => {
    expect(seriesKey(event('held by pod p'))).not.toBe(seriesKey(event('held by pods p, q')));
    expect(seriesKey(event())).not.toBe(seriesKey({ ...event(), regarding: { ...event().regarding, uid: 'other' } }));
  });

  it('ends a series idle for SERIES_IDLE_MS', () => {
    const cache = new EventSeriesCache();
    const key = seriesKey(event());
    cache.start(key, 'd.1', 'ns', 0);
    expect(cache.observe(key, SERIES_IDLE_MS - 1).kind).toBe('repeat');
    expect(cache.observe(key, 2 * SERIES_IDLE_MS).kind).toBe('new');
  });

  it('forgets an Event that could not be created, and drops the least recently observed past its size', () => {
    const cache = new EventSeriesCache(SERIES_IDLE_MS, 2);
    cache.start('a', 'a.1', 'ns', 0);
    cache.forget('a');
    expect(cache.observe('a', 1).kind).toBe('new');
    cache.start('a', 'a.1', 'ns', 0);
    cache.start('b', 'b.1', 'ns', 0);
    cache.observe('a', 1);
    cache.start('c', 'c.1', 'ns', 2);
    expect(cache.observe('b', 3).kind).toBe('new');
    expect(cache.observe('a', 3).kind).toBe('repeat');
  });
});

describe('flushDelay and microTime', () => {
  it('writes a count at most once per interval', () => {
    const entry = { name: 'd.1', namespace: 'ns', count: 3, lastObservedMs: 0, writtenCount: 2, lastWrittenMs: 1_000, flushPending: false };
    expect(flushDelay(entry, 5_000, 30_000)).toBe(26_000);
    expect(flushDelay(entry, 40_000, 30_000)).toBe(0);
  });

  it('gives six fractional digits', () => {
    expect(microTime(Date.UTC(2026, 11, 3, 10, 0, 0, 123))).toBe('2026-12-03T10:00:00.123000Z');
  });
});
