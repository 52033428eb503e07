/**
 * Runs `f` in a macrotask of its own, posted as a message: unlike a nested timeout it does not
 * wait for the 4 ms clamp. Returns its cancel.
 */
export function messageTask(f: () => void): () => void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    f();
  };
  channel.port2.postMessage(null);
  return () => channel.port1.close();
}
