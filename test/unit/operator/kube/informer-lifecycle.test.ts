import {
  InformerEvent, InformerPhase, isRunning, nextPhase, resourcePath, RESTART_BACKOFF, RestartSchedule,
} from '../../../../operator/kube/informer-lifecycle';
import { FakeClock } from '../../../support/fake-clock';

describe('resourcePath', () => {
  test('core, named groups, CRDs, all namespaces or one', () => {
    expect(resourcePath({ group: '', version: 'v1', plural: 'configmaps' })).toBe('/api/v1/configmaps');
    expect(resourcePath({ group: '', version: 'v1', plural: 'configmaps' }, 'team-a')).toBe('/api/v1/namespaces/team-a/configmaps');
    expect(resourcePath({ group: 'apps', version: 'v1', plural: 'statefulsets' }, 'ns')).toBe('/apis/apps/v1/namespaces/ns/statefulsets');
    expect(resourcePath({ group: 'data.fluid.io', version: 'v1alpha1', plural: 'datasets' })).toBe('/apis/data.fluid.io/v1alpha1/datasets');
  });
});

describe('nextPhase', () => {
  const { IDLE, CONNECTING, WATCHING, BACKING_OFF, STOPPED } = InformerPhase;
  const run = (events: InformerEvent[], from = IDLE): InformerPhase[] => {
    const phases: InformerPhase[] = [];
    events.reduce((phase, event) => {
      const next = nextPhase(phase, event);
      phases.push(next);
      return next;
    }, from);
    return phases;
  };

  test('start, list and watch, a routine reconnect, then stop', () => {
    const { START, CONNECT, WATCH_OPENED, STOP } = InformerEvent;
    expect(run([START, CONNECT, WATCH_OPENED, CONNECT, WATCH_OPENED, STOP])).toEqual([CONNECTING, CONNECTING, WATCHING, CONNECTING, WATCHING, STOPPED]);
  });

  test('an error backs off until the restart; a second error report changes nothing', () => {
    const { START, CONNECT, ERROR, RESTART, WATCH_OPENED } = InformerEvent;
    expect(run([START, CONNECT, ERROR, ERROR, CONNECT, RESTART, CONNECT, WATCH_OPENED])).toEqual([CONNECTING, CONNECTING, BACKING_OFF, BACKING_OFF, BACKING_OFF, CONNECTING, CONNECTING, WATCHING]);
  });

  test('late callbacks after stop leave it stopped; start brings it back', () => {
    const { CONNECT, ERROR, WATCH_OPENED, RESTART, START } = InformerEvent;
    expect(run([CONNECT, ERROR, WATCH_OPENED, RESTART, START], STOPPED)).toEqual([STOPPED, STOPPED, STOPPED, STOPPED, CONNECTING]);
    expect(nextPhase(WATCHING, START)).toBe(WATCHING);
  });

  test('isRunning', () => {
    expect([IDLE, CONNECTING, WATCHING, BACKING_OFF, STOPPED].map(isRunning)).toEqual([false, true, true, true, false]);
  });
});

describe('RestartSchedule', () => {
  test("client-go's reflector schedule, 800 ms doubling, capped at 8 s so caches follow again soon after an outage", () => {
    const schedule = new RestartSchedule({ clock: new FakeClock(), random: () => 0 });
    expect(Array.from({ length: 8 }, () => schedule.nextDelay())).toEqual([800, 1_600, 3_200, 6_400, 8_000, 8_000, 8_000, 8_000]);
    expect(schedule.failures()).toBe(8);
  });

  test('jitter adds up to a quarter more, never past the cap', () => {
    const schedule = new RestartSchedule({ clock: new FakeClock(), random: () => 0.5 });
    expect([schedule.nextDelay(), schedule.nextDelay()]).toEqual([900, 1_800]);
    for (let i = 0; i < 10; i++) expect(schedule.nextDelay()).toBeLessThanOrEqual(RESTART_BACKOFF.maxDelayMs);
  });

  test('two quiet minutes since the last failure start the schedule over', async () => {
    const clock = new FakeClock();
    const schedule = new RestartSchedule({ clock, random: () => 0 });
    schedule.nextDelay();
    schedule.nextDelay();
    await clock.advance(119_999);
    expect(schedule.nextDelay()).toBe(3_200);
    await clock.advance(120_000);
    expect(schedule.nextDelay()).toBe(800);
  });
});
