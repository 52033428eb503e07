/**
 * The client's watchdog on fake timers and a fake worker: a worker that stops answering (closed
 * or stuck in a loop) is replaced within 2 s while it trains, pending requests fail as after a
 * crash, a request that computes for long is alive only while it sends signs of life (any request
 * gets the same 2 s), and an idle worker or a stalled page is not blamed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, WorkerCrashed } from './client';
import { allowedSilence, REQUEST_SILENCE_MS, SILENCE_MS } from './deadlines';
import { WATCHDOG_DEFAULTS } from './watchdog';
import type { EngineReply, TrainProgress } from './protocol';

/** Stands in for a Worker: records what it is sent; `answerPings` says whether its loop still turns. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  sent: { type: string; id?: number }[] = [];
  terminated = false;
  answerPings = true;

  postMessage(m: { type: string; id?: number }): void {
    this.sent.push(m);
    if (m.type === 'ping' && this.answerPings) queueMicrotask(() => this.reply({ type: 'alive', id: 0 }));
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: EngineReply): void {
    if (!this.terminated) this.onmessage?.({ data: r } as MessageEvent);
  }
}

const progress = (running: boolean, iteration = 3): TrainProgress => ({
  iteration,
  loss: 0.5,
  gradNorm: 1,
  clipped: false,
  finite: true,
  running,
  itPerSec: 10,
  lossFirst: 0,
  losses: new Float64Array(0),
  history: [],
});

let workers: FakeWorker[];
let restarts: string[];

function makeClient(): EngineClient {
  return new EngineClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    (reason) => restarts.push(reason),
  );
}

/** Advances the fake clock in small steps, letting the fake worker's answers (microtasks) land. */
async function advance(ms: number, step = 50): Promise<void> {
  for (let t = 0; t < ms; t += step) await vi.advanceTimersByTimeAsync(step);
}

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  restarts = [];
});
afterEach(() => {
  vi.useRealTimers();
});

/** A client whose worker has said its training loop runs. */
async function training(): Promise<{ client: EngineClient; worker: FakeWorker }> {
  const client = makeClient();
  const worker = workers[0];
  const started = client.request({ type: 'train', settings: {} as never, mode: 'start' });
  worker.reply({ type: 'train', id: lastId(worker, 'train'), progress: progress(true), snapshot: null });
  await started;
  return { client, worker };
}

describe('the watchdog', () => {
  it('replaces a training worker that stopped silently within 2 s, with a reason', async () => {
    const { worker } = await training();
    await advance(5000);
    expect(restarts).toEqual([]); // it answers pings: alive however long it trains
    worker.answerPings = false; // self.close(): no error, no message, ever
    await advance(2000);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toMatch(/^no answer for 1\.[4-9] s$/);
    expect(worker.terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('fails the requests the lost worker had, as a crash does', async () => {
    const { client, worker } = await training();
    worker.answerPings = false;
    const grads = client.request({ type: 'grads', t: 0 }).catch((e: unknown) => e);
    await advance(5000);
    expect(await grads).toBeInstanceOf(WorkerCrashed);
    expect(restarts).toHaveLength(1);
  });

  it('a request that gets no answer and no sign of life fails within its allowance', async () => {
    const client = makeClient();
    const worker = workers[0];
    worker.answerPings = false; // hung in a loop
    const paused = client.request({ type: 'pauseTraining' }).catch((e: unknown) => e);
    await advance(1000);
    expect(restarts).toEqual([]);
    await advance(1000);
    expect(await paused).toBeInstanceOf(WorkerCrashed);
    expect(restarts).toHaveLength(1);
  });

  it('gives a formerly slow request no more than 5 s of silence, while signs of life keep any request alive', async () => {
    const client = makeClient();
    const worker = workers[0];
    worker.answerPings = false; // hung during an analysis, which used to be allowed 60 s
    const analysis = client.request({ type: 'analysis' }).catch((e: unknown) => e);
    await advance(3000);
    expect(restarts).toEqual([]); // 3 s of silence: a loaded machine, not yet a hang
    await advance(2000);
    expect(await analysis).toBeInstanceOf(WorkerCrashed);
    expect(restarts).toHaveLength(1);
    const next = workers[1];
    next.answerPings = false; // computing: the answers to pings wait, the pulses do not
    // a pass that beats now and then (engine/pulse.ts) is alive however long it takes
    const paused = client.request({ type: 'pauseTraining' });
    for (let i = 0; i < 20; i++) {
      await advance(1000);
      next.reply({ type: 'alive', id: 0 });
    }
    expect(restarts).toHaveLength(1);
    next.reply({ type: 'pauseTraining', id: lastId(next, 'pauseTraining'), progress: null, snapshot: null });
    await expect(paused).resolves.toMatchObject({ type: 'pauseTraining' });
  });

  it('does not watch an idle worker: silence with nothing outstanding is not a fault', async () => {
    const client = makeClient();
    const worker = workers[0];
    worker.answerPings = false;
    await advance(60_000);
    expect(restarts).toEqual([]);
    expect(worker.sent.filter((m) => m.type === 'ping')).toEqual([]);
    void client;
  });

  it('stops watching once the loop says it stopped (a pause, a budget reached)', async () => {
    const { worker } = await training();
    worker.reply({ type: 'event', id: 0, event: { kind: 'progress', progress: progress(false), snapshot: null } });
    worker.answerPings = false;
    await advance(10_000);
    expect(restarts).toEqual([]);
  });

  it('does not blame the worker for a page that was stalled itself', async () => {
    const { worker } = await training();
    // the page's thread was busy for 5 s: no tick ran; the worker's answers wait in the queue
    worker.answerPings = false;
    vi.setSystemTime(Date.now() + 5000);
    worker.answerPings = true;
    await advance(1000);
    expect(restarts).toEqual([]);
  });

  it('ignores what a replaced worker still sends', async () => {
    const { worker } = await training();
    worker.answerPings = false;
    await advance(2000);
    expect(restarts).toHaveLength(1);
    worker.terminated = false; // a message already on its way when it was terminated
    worker.onerror?.({ message: 'late', preventDefault() {} } as ErrorEvent);
    expect(restarts).toHaveLength(1);
  });
});

describe('allowed silence', () => {
  it('is null with nothing outstanding, short while only the training loop (which answers pings) is owed, longer while a request computes', () => {
    expect(allowedSilence([], false)).toBeNull();
    expect(allowedSilence([], true)).toBe(SILENCE_MS);
    expect(allowedSilence(['pauseTraining'], true)).toBe(SILENCE_MS);
    expect(allowedSilence(['pauseTraining', 'train'], true)).toBe(REQUEST_SILENCE_MS);
    for (const type of ['open', 'analysis', 'compare', 'gradcheck', 'exportTrace', 'exportWeights', 'importWeights', 'evaluate', 'sample', 'grads', 'restoreHistory', 'restoreFinite'] as const) {
      expect(allowedSilence([type], false)).toBe(REQUEST_SILENCE_MS);
      expect(allowedSilence([type], true)).toBe(REQUEST_SILENCE_MS);
    }
    // a hang while training is noticed within 2 s, behind a request within 5 s
    expect(SILENCE_MS + WATCHDOG_DEFAULTS.tickMs).toBeLessThanOrEqual(2000);
    expect(REQUEST_SILENCE_MS + WATCHDOG_DEFAULTS.tickMs).toBeLessThanOrEqual(5000);
  });
});

function lastId(worker: FakeWorker, type: string): number {
  return [...worker.sent].reverse().find((m) => m.type === type)!.id!;
}
