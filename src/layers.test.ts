/**
 * The house rule, enforced: imports flow one way, views → state → worker → engine.
 * - the engine imports nothing of the app and no package (pure math, runs in Node and the worker);
 * - the worker imports only the engine; the benchmark only the engine; the CLI the engine and
 *   content (pure data and its readers, such as the lesson file's: `npm run lesson:check`);
 * - content (catalogues, equations, lessons) imports no state, no views, no worker;
 * - views import no file under src/engine or src/worker, tests included: shared names and types
 *   come through src/state/model.ts.
 * Every import is read from the source's syntax tree (static, dynamic, re-exports, `new URL(…,
 * import.meta.url)` for workers), so a rename or a new file is checked the same way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

type Layer = 'engine' | 'worker' | 'state' | 'views' | 'content' | 'cli' | 'bench' | 'root';

/** What each layer may import (itself included); 'root' is the composition root (main.tsx, App.tsx, sw.ts). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  engine: ['engine'],
  worker: ['worker', 'engine'],
  state: ['state', 'worker', 'engine', 'content'],
  views: ['views', 'state', 'content'],
  content: ['content', 'engine'],
  cli: ['cli', 'engine', 'content'],
  bench: ['bench', 'engine'],
  root: ['root', 'views', 'state', 'worker', 'engine', 'content'],
};

/** Packages a layer may use besides its own files (tests may also use vitest and node:*). */
const PACKAGES: Record<Layer, RegExp> = {
  engine: /^$/,
  worker: /^$/,
  content: /^$/,
  cli: /^node:/,
  bench: /^node:/,
  state: /^(zustand(\/.*)?|react)$/,
  views: /^(react|react-dom(\/.*)?|d3|katex(\/.*)?|zustand|@fontsource-variable\/.*)$/,
  root: /^(react|react-dom(\/.*)?|@fontsource-variable\/.*)$/,
};

export function layerOf(path: string): Layer {
  const p = path.replace(/\\/g, '/');
  for (const l of ['engine', 'worker', 'state', 'views', 'content', 'cli', 'bench'] as const) if (p.startsWith(`${l}/`)) return l;
  return 'root';
}

/** Every module specifier a source imports. */
export function importsOf(source: string, lang: 'ts' | 'tsx'): string[] {
  const ast = parseAst(source, { lang }, `file.${lang}`);
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; source?: { value?: unknown }; [k: string]: unknown };
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && typeof n.source?.value === 'string') {
      found.push(n.source.value);
    } else if (n.type === 'ImportExpression') {
      const s = n.source as { type?: string; value?: unknown };
      if (s?.type === 'Literal' && typeof s.value === 'string') found.push(s.value);
    } else if (n.type === 'NewExpression' && (n.callee as { name?: string })?.name === 'URL') {
      const [first] = n.arguments as { type?: string; value?: unknown }[];
      if (first?.type === 'Literal' && typeof first.value === 'string' && first.value.startsWith('.')) found.push(first.value);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'type' && v && typeof v === 'object') visit(v);
  };
  visit(ast);
  return found;
}

/** The rule broken by each import of one file (path relative to src/), or an empty list. */
export function violations(path: string, source: string): string[] {
  const from = layerOf(path);
  const test = /\.test\.tsx?$/.test(path) || path.includes('/testing/');
  const out: string[] = [];
  for (const spec of importsOf(source, path.endsWith('.tsx') ? 'tsx' : 'ts')) {
    if (spec.startsWith('.')) {
      if (/\.(css|json)$/.test(spec)) continue;
      const target = normalize(join(dirname(path), spec)).replace(/\\/g, '/');
      if (target.startsWith('..')) {
        if (!test) out.push(`${path} imports ${spec}, outside src/`);
        continue;
      }
      const to = layerOf(target);
      if (!ALLOWED[from].includes(to)) out.push(`${path} (${from}) imports ${spec} (${to})`);
    } else if (!(test && /^(vitest|node:|rolldown\/parseAst)/.test(spec)) && !PACKAGES[from].test(spec)) {
      out.push(`${path} (${from}) imports the package ${spec}`);
    }
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === '__fixtures__' ? [] : sources(p);
    return /\.tsx?$/.test(name) ? [relative(SRC, p).replace(/\\/g, '/')] : [];
  });
}

describe('imports flow one way: views → state → worker → engine', () => {
  it('the check catches a wrong import (so it can fail)', () => {
    expect(violations('views/cell/CellPanel.tsx', "import { GATE_NAMES } from '../../engine/params';")).toHaveLength(1);
    expect(violations('views/gradients/GradientPanel.tsx', "import type { SessionSnapshot } from '../../worker/protocol';")).toHaveLength(1);
    expect(violations('views/cell/x.test.ts', "import { EngineHost } from '../../worker/host';")).toHaveLength(1);
    expect(violations('engine/params.ts', "import { useApp } from '../state/context';")).toHaveLength(1);
    expect(violations('engine/params.ts', "import { max } from 'd3';")).toHaveLength(1);
    expect(violations('content/lessons.ts', "import type { AppConfig } from '../state/config';")).toHaveLength(1);
    expect(violations('worker/host.ts', "const m = await import('../state/store');")).toHaveLength(1);
    expect(violations('cli/trace.ts', "export * from '../worker/host';")).toHaveLength(1);
    expect(violations('cli/lessonCheck.ts', "import { createAppStore } from '../state/store';")).toHaveLength(1);
    expect(violations('views/cell/CellPanel.tsx', "import { SUBSTEPS } from '../../state/model';\nimport './cellPanel.css';")).toEqual([]);
    expect(violations('state/actions.ts', "import type { EngineClient } from '../worker/client';")).toEqual([]);
  });

  for (const file of sources(SRC)) {
    it(file, () => {
      expect(violations(file, readFileSync(join(SRC, file), 'utf8'))).toEqual([]);
    });
  }
});
