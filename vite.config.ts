import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { EARLY_WORKER_GLOBAL } from './src/worker/earlyWorkerName';
import { facesAs, PRELOADED_FACE, UI_FONT_FACES, UI_FONT_FAMILY } from './src/views/ui/fontFaces';

/** Initial JavaScript (what the first view downloads) must stay under this, gzipped. */
export const INITIAL_JS_BUDGET_KB = 180;

/**
 * Content-Security-Policy of the built page: no inline scripts, no eval, nothing from other
 * origins. (Inline style attributes stay allowed: KaTeX positions glyphs with them.) Only in the
 * build: the dev server injects an inline script for hot reloading.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'unroll-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

/** Reports the gzipped size of the initial JavaScript (entry chunk + its static imports). */
function initialJsReport(): Plugin {
  return {
    name: 'unroll-initial-js-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry && c.name !== 'sw');
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
      // Everything the app may need offline (the service worker caches it on install).
      // (woff2 only: every browser that runs the app reads it, so the .woff and .ttf copies are skipped)
      const files = Object.keys(bundle).filter((f) => !/\.(map|json|woff|ttf)$/.test(f) && f !== 'sw.js');
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(['/', '/favicon.svg', ...files.map((f) => '/' + f)]) });
    },
  };
}

/**
 * Starts the engine worker from a tiny classic script at the top of the built page, before the
 * page's own script has downloaded and compiled: the worker loads the engine meanwhile, and it is
 * running when the page sends its first request (a request sent to a worker that is still starting
 * waits until the page's main thread is free to hand it over, which it is not while drawing).
 * src/worker/spawn.ts takes this worker over; without it (the dev server) it starts its own.
 */
function earlyWorker(): Plugin {
  return {
    name: 'unroll-early-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const worker = Object.keys(bundle).find((f) => /^assets\/engine\.worker-[\w-]+\.js$/.test(f));
      if (!html || html.type !== 'asset' || !worker) return;
      // (async: the page's script may run first and start its own; then this one does nothing)
      const source = `self.${EARLY_WORKER_GLOBAL} ??= new Worker('/${worker}', { type: 'module' });\n`;
      const fileName = `assets/boot-${createHash('sha256').update(source).digest('base64url').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName, source });
      html.source = String(html.source).replace('<title>', `<script async src="/${fileName}"></script>\n    <title>`);
      const precache = bundle['precache.json'];
      if (precache?.type === 'asset') precache.source = JSON.stringify([...JSON.parse(String(precache.source)), `/${fileName}`]);
    },
  };
}

/**
 * The UI font: the app's own text is set in a family of the few faces of Noto Sans KR it draws
 * from (src/views/ui/fontFaces.ts says why), which replaces the package's own 124 in the page's
 * stylesheet (those are added after the first view, views/ui/wholeFontFamily.ts); and the page
 * preloads the Latin face, so that it has arrived before the first layout (which otherwise lays
 * the text out in a fallback font first, then again when the face has loaded).
 */
function uiFontFaces(): Plugin[] {
  const faces: Plugin = {
    name: 'unroll-ui-font-faces',
    enforce: 'pre',
    transform(code, id) {
      const [path, query = ''] = id.split('?');
      if (!/@fontsource-variable[\\/]noto-sans-kr[\\/]index\.css$/.test(path)) return null;
      // Read as text (views/ui/wholeFontFamily.ts): the package's own 124 faces, added after the first view.
      if (/(^|&)inline(&|$)/.test(query)) return null;
      // In the page's stylesheet: the app's family only.
      return { code: `${facesAs(code, UI_FONT_FACES, UI_FONT_FAMILY)}\n`, map: null };
    },
  };
  // after the page's HTML is written (like earlyWorker)
  const preload: Plugin = {
    name: 'unroll-ui-font-preload',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const face = Object.keys(bundle).find((f) => f.startsWith(`assets/noto-sans-kr-${PRELOADED_FACE}-wght-normal-`) && f.endsWith('.woff2'));
      if (!html || html.type !== 'asset' || !face) return;
      // crossorigin: fonts are fetched in CORS mode, and a preload without it would not be used
      html.source = String(html.source).replace('<title>', `<link rel="preload" href="/${face}" as="font" type="font/woff2" crossorigin />\n    <title>`);
    },
  };
  return [faces, preload];
}

/**
 * `vite build --mode e2e` is the end-to-end tests' build: the same app plus the test hook in
 * src/main.tsx (guarded by `import.meta.env.MODE === 'e2e'`, so the production build drops it),
 * written to its own folder so that dist/ is always what ships.
 */
export const E2E_MODE = 'e2e';

export default defineConfig(({ mode }) => ({
  plugins: [react(), ...uiFontFaces(), initialJsReport(), contentSecurityPolicy(), earlyWorker()],
  worker: { format: 'es' as const },
  build: {
    outDir: mode === E2E_MODE ? 'dist-e2e' : 'dist',
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    // One stylesheet, linked by the page: the deferred panels' code loads after the first view, but
    // their styles apply from the first paint, in the one cascade order they always had. (KaTeX's
    // styles and the whole font's faces are read as text instead and added later, after it:
    // views/ui/lateStyles.ts.)
    cssCodeSplit: false,
    rollupOptions: {
      // The service worker is its own entry, at a fixed name at the site's root.
      input: { main: 'index.html', sw: 'src/sw.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  test: {
    // e2e/*.spec.ts belong to Playwright, not vitest.
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Tests check behaviour, not speed: a busy CI machine may run the fuzzers several times slower.
    testTimeout: 120_000,
  },
}));
