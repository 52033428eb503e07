/**
 * Worker entry: owns one EngineHost and turns messages into its calls. Everything heavy
 * (forward, backward, analysis, training) happens here, never on the UI thread.
 */
import { EngineHost } from './host';
import type { EngineRequest } from './protocol';

const post = (reply: unknown, transfer: Transferable[]) => (self as unknown as Worker).postMessage(reply, transfer);
const host = new EngineHost(post);

self.onmessage = (event: MessageEvent<EngineRequest | { type: 'crashForTest' }>) => {
  const req = event.data;
  if (req.type === 'crashForTest') {
    // Fault injection for the end-to-end tests: an uncaught error, as a real bug would raise.
    setTimeout(() => {
      throw new Error('crash requested by a test');
    });
    return;
  }
  const { reply, transfer } = host.handle(req);
  post(reply, transfer);
};
