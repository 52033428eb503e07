/**
 * Worker entry: owns one EngineHost and turns messages into its calls. Everything heavy
 * (forward, backward, analysis, training) happens here, never on the UI thread.
 */
import { BEAT_EVERY_MS, setPulse, throttledBeat } from '../engine/pulse';
import { EngineHost } from './host';
import type { EngineRequest, WorkerControl } from './protocol';

// The first-view profile (e2e/bench/firstview-profile.ts) reads when the engine was ready and its first answer.
performance.mark('unroll:worker-ready');
const post = (reply: unknown, transfer: Transferable[]) => (self as unknown as Worker).postMessage(reply, transfer);
const host = new EngineHost(post);
// Long passes say they are alive, so the page's watchdog does not take them for a hang.
setPulse(throttledBeat(() => post({ type: 'alive', id: 0 }, []), () => performance.now(), BEAT_EVERY_MS));

self.onmessage = (event: MessageEvent<EngineRequest | WorkerControl>) => {
  const req = event.data;
  switch (req.type) {
    case 'ping':
      // Answered whenever the loop turns: the client's watchdog reads silence as a hang.
      post({ type: 'alive', id: 0 }, []);
      return;
    case 'shown':
      host.snapshotShown();
      return;
    // Fault injection for the end-to-end tests, as a real bug would show itself:
    case 'crashForTest':
      setTimeout(() => {
        throw new Error('crash requested by a test');
      });
      return;
    case 'closeForTest':
      // a silent stop: no error event, no reply, ever again
      self.close();
      return;
    case 'hangForTest': {
      const end = performance.now() + req.ms;
      while (performance.now() < end) {
        // a loop that never yields to the worker's messages
      }
      return;
    }
    default: {
      const { reply, transfer } = host.handle(req);
      post(reply, transfer);
      if (performance.getEntriesByName('unroll:worker-answered').length === 0) performance.mark('unroll:worker-answered', { detail: req.type });
    }
  }
};
