/** The production build (dist/) served by `vite preview` for the UI benchmark (ui-bench.ts). */
import { spawn, type ChildProcess } from 'node:child_process';

const PORT = Number(process.env.BENCH_PORT ?? 4273);
export const BASE = `http://127.0.0.1:${PORT}`;

export async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(BASE);
      if (r.ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`vite preview did not start on ${BASE}`);
}
