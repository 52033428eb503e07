import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { gzipSync } from 'node:zlib';

/** Initial JavaScript (what the first view downloads) must stay under this, gzipped. */
export const INITIAL_JS_BUDGET_KB = 250;

/** Reports the gzipped size of the initial JavaScript (entry chunk + its static imports). */
function initialJsReport(): Plugin {
  return {
    name: 'unroll-initial-js-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        const c = bundle[name];
        if (c?.type === 'chunk') c.imports.forEach(visit);
      };
      visit(entry.fileName);
      let gz = 0;
      for (const name of seen) {
        const c = bundle[name];
        if (c?.type === 'chunk') gz += gzipSync(c.code).length;
      }
      const kb = gz / 1024;
      const line = `initial JS: ${kb.toFixed(1)} kB gzip in ${seen.size} file(s) (budget ${INITIAL_JS_BUDGET_KB} kB)`;
      this.info(line);
      this.emitFile({ type: 'asset', fileName: 'bundle-report.json', source: JSON.stringify({ initialJsGzipKB: kb, files: [...seen], budgetKB: INITIAL_JS_BUDGET_KB }) });
    },
  };
}

export default defineConfig({
  plugins: [react(), initialJsReport()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  test: {
    // e2e/*.spec.ts belong to Playwright, not vitest.
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
