/**
 * The UI's side of the bridge: numbers requests, matches replies, and when the worker dies
 * (an uncaught error, a failed message, or terminate from outside) rejects what was pending,
 * starts a fresh worker and tells the caller, which restores the session from the store.
 */
import type { EngineReply, EngineRequest, TrainEvent } from './protocol';

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
  resolve: (r: EngineReply) => void;
  reject: (e: Error) => void;
}

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private readonly makeWorker: () => Worker;
  private readonly onRestart: (reason: string) => void;
  /** receives what the worker sends unasked (training progress) */
  onEvent: (event: TrainEvent) => void = () => undefined;
  /** how many times the worker was restarted */
  restarts = 0;

  constructor(makeWorker: () => Worker, onRestart: (reason: string) => void) {
    this.makeWorker = makeWorker;
    this.onRestart = onRestart;
    this.worker = this.start();
  }

  /** Makes the worker throw an uncaught error (fault-injection for the tests). */
  crashForTest(): void {
    this.worker.postMessage({ type: 'crashForTest' });
  }

  request<B extends RequestBody>(body: B, transfer: Transferable[] = []): Promise<ReplyOf<B['type']>> {
    const id = this.nextId++;
    return new Promise<ReplyOf<B['type']>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (r) => {
          if (r.type === 'error') reject(new EngineError(r.message, r.key));
          else resolve(r as ReplyOf<B['type']>);
        },
        reject,
      });
      this.worker.postMessage({ ...body, id } as EngineRequest, transfer);
    });
  }

  /** Simulates a crash (for the fault tests and the "restart engine" command). */
  kill(): void {
    this.crash('the engine worker was stopped');
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new WorkerCrashed('disposed'));
    this.pending.clear();
  }

  private start(): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<EngineReply>) => {
      if (e.data.type === 'event') {
        this.onEvent(e.data.event);
        return;
      }
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      p.resolve(e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(e.message || 'the engine worker failed');
    };
    w.onmessageerror = () => this.crash('a message from the engine worker could not be read');
    return w;
  }

  private crash(reason: string): void {
    this.worker.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new WorkerCrashed(reason));
    this.restarts++;
    this.worker = this.start();
    this.onRestart(reason);
  }
}
