/**
 * The UI's side of the bridge: numbers requests, matches replies, and when the worker dies
 * (an uncaught error, a failed message, terminate from outside, or silence the watchdog reads as a
 * silent stop or a hang) rejects what was pending, starts a fresh worker and tells the caller,
 * which restores the session from the store.
 */
import type { EngineReply, EngineRequest, TrainEvent, WorkerControl } from './protocol';
import { Watchdog, type WatchdogOptions, type WatchdogTimers } from './watchdog';
import { allowedSilence } from './deadlines';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
export type RequestBody = Distribute<EngineRequest>;
type ReplyOf<K extends EngineRequest['type']> = Extract<EngineReply, { type: K }>;

export class WorkerCrashed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashed';
  }
}

export class EngineError extends Error {
  readonly key: string | undefined;
  constructor(message: string, key?: string) {
    super(message);
    this.name = 'EngineError';
    this.key = key;
  }
}

interface Pending {
  type: RequestBody['type'];
  resolve: (r: EngineReply) => void;
  reject: (e: Error) => void;
}

export interface ClientOptions {
  watchdog?: Partial<WatchdogOptions>;
  timers?: WatchdogTimers;
}

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** the worker said its training loop runs: it owes progress even with nothing pending */
  private training = false;
  private readonly watchdog: Watchdog;
  private readonly makeWorker: () => Worker;
  private readonly onRestart: (reason: string) => void;
  /** receives what the worker sends unasked (training progress) */
  onEvent: (event: TrainEvent) => void = () => undefined;
  /** how many times the worker was restarted */
  restarts = 0;

  constructor(makeWorker: () => Worker, onRestart: (reason: string) => void, options: ClientOptions = {}) {
    this.makeWorker = makeWorker;
    this.onRestart = onRestart;
    this.watchdog = new Watchdog(
      () => allowedSilence([...this.pending.values()].map((p) => p.type), this.training),
      () => this.control({ type: 'ping' }),
      (silentMs) => this.crash(`no answer for ${(silentMs / 1000).toFixed(1)} s`),
      options.watchdog,
      options.timers,
    );
    this.worker = this.start();
  }

  /** Fault injection for the tests: an uncaught error, a silent stop, or a loop that does not yield for `ms`. */
  injectFault(fault: 'crash' | 'close' | { hangMs: number }): void {
    this.control(fault === 'crash' ? { type: 'crashForTest' } : fault === 'close' ? { type: 'closeForTest' } : { type: 'hangForTest', ms: fault.hangMs });
  }

  request<B extends RequestBody>(body: B, transfer: Transferable[] = []): Promise<ReplyOf<B['type']>> {
    const id = this.nextId++;
    return new Promise<ReplyOf<B['type']>>((resolve, reject) => {
      this.pending.set(id, {
        type: body.type,
        resolve: (r) => {
          if (r.type === 'error') reject(new EngineError(r.message, r.key));
          else resolve(r as ReplyOf<B['type']>);
        },
        reject,
      });
      this.worker.postMessage({ ...body, id } as EngineRequest, transfer);
      this.watchdog.update();
    });
  }

  /** Tells the training loop the page has shown its last snapshot (it waits for this before computing on). */
  snapshotShown(): void {
    this.control({ type: 'shown' });
  }

  /** Simulates a crash (for the fault tests and the "restart engine" command). */
  kill(): void {
    this.crash('the engine worker was stopped');
  }

  dispose(): void {
    this.watchdog.stop();
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new WorkerCrashed('disposed'));
    this.pending.clear();
  }

  private control(message: WorkerControl): void {
    this.worker.postMessage(message);
  }

  private start(): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<EngineReply>) => {
      if (w !== this.worker) return; // a replaced worker's last words
      this.watchdog.alive();
      const reply = e.data;
      if (reply.type === 'alive') return;
      if (reply.type === 'event') {
        this.training = reply.event.kind === 'progress' && reply.event.progress.running;
        this.watchdog.update();
        this.onEvent(reply.event);
        return;
      }
      if ((reply.type === 'train' || reply.type === 'pauseTraining') && reply.progress) this.training = reply.progress.running;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      p.resolve(reply);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      if (w === this.worker) this.crash(e.message || 'the engine worker failed');
    };
    w.onmessageerror = () => {
      if (w === this.worker) this.crash('a message from the engine worker could not be read');
    };
    return w;
  }

  private crash(reason: string): void {
    this.watchdog.stop();
    this.worker.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.training = false;
    for (const p of pending) p.reject(new WorkerCrashed(reason));
    this.restarts++;
    this.worker = this.start();
    this.onRestart(reason);
  }
}
