/**
 * A stand-in for the worker client in the state layer's tests: the real engine host answers, in
 * this process, but replies wait in a queue until the test delivers them, so a test decides the
 * order in which they land (a late reply, a crash in between) and counts what was asked.
 */
import { EngineError, WorkerCrashed, type EngineClient, type RequestBody } from '../../worker/client';
import { EngineHost } from '../../worker/host';
import type { EngineReply, EngineRequest } from '../../worker/protocol';

interface Queued {
  body: RequestBody;
  reply: EngineReply;
  resolve: (r: EngineReply) => void;
  reject: (e: Error) => void;
}

export class FakeClient {
  readonly host = new EngineHost();
  /** every request in the order sent */
  readonly sent: RequestBody[] = [];
  private queue: Queued[] = [];
  private nextId = 1;

  asClient(): EngineClient {
    return this as unknown as EngineClient;
  }

  request(body: RequestBody): Promise<EngineReply> {
    this.sent.push(body);
    // The host answers now (as the worker would, in order); the reply lands when delivered.
    const { reply } = this.host.handle({ ...body, id: this.nextId++ } as EngineRequest);
    return new Promise((resolve, reject) => this.queue.push({ body, reply, resolve, reject }));
  }

  /** how many times the page said it showed a training snapshot */
  shownSignals = 0;

  snapshotShown(): void {
    this.shownSignals++;
  }

  /** How many requests of a type were sent. */
  count(type: RequestBody['type']): number {
    return this.sent.filter((b) => b.type === type).length;
  }

  /** Delivers queued replies (all, or the one at `index`), then lets the awaiting code run. */
  async deliver(index?: number): Promise<void> {
    const picked = index === undefined ? this.queue.splice(0) : this.queue.splice(index, 1);
    for (const q of picked) {
      if (q.reply.type === 'error') q.reject(new EngineError(q.reply.message, q.reply.key));
      else q.resolve(q.reply);
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }

  /** Delivers until nothing is left (replies that cause new requests included). */
  async settle(): Promise<void> {
    for (let i = 0; i < 20 && this.queue.length > 0; i++) await this.deliver();
  }

  /** The worker died: every waiting request fails as the real client's do. */
  crash(): void {
    for (const q of this.queue.splice(0)) q.reject(new WorkerCrashed('stopped by the test'));
  }

  get waiting(): number {
    return this.queue.length;
  }
}
