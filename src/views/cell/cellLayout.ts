/**
 * Geometry of the cell diagrams (colah's grammar): layers (a weight matrix and σ / tanh) are
 * rounded boxes, pointwise operations are circles, the state highway runs along the top,
 * the inputs h_{t-1} and x_t enter from the left and from below. Plain data: every element
 * names the sub-steps (SUBSTEPS keys) it takes part in, so a view can light the current
 * one and dim the rest. Wires are drawn in the forward direction; backward views reverse
 * their arrows.
 */
import type { CellType, Phase } from '../../state/model';
import type { Role } from '../ui/theme';
import type { RowName } from '../../state/moment';

/** A symbol like c_{t-1}: base, subscript, optional δ in front and superscript. */
export interface Sym {
  base: string;
  sub?: string;
  sup?: string;
  delta?: boolean;
}

export type Anchor = 'start' | 'middle' | 'end';

export type Prim =
  | { kind: 'wire'; id: string; d: string; parts: readonly string[]; /** an arrowhead in both phases, or only in one */ arrow?: boolean | Phase }
  | {
      kind: 'layer';
      id: string;
      role: Role;
      /** the gate's name as in SUBSTEPS / GATE_NAMES ('a' for the rnn) */
      gate: string;
      fn: 'σ' | 'tanh' | 'W';
      cx: number;
      cy: number;
      w: number;
      h: number;
      /** the per-unit strip and the selected unit's value */
      row: RowName | null;
      parts: readonly string[];
      /** the head's box below the top layer: it stands for layer `above`, which h_t goes up to */
      above?: number;
    }
  | { kind: 'op'; id: string; sym: '⊙' | '+' | '1−' | 'tanh'; cx: number; cy: number; parts: readonly string[]; value?: RowName; vx?: number; vy?: number; vAnchor?: Anchor }
  | { kind: 'dot'; x: number; y: number; parts: readonly string[] }
  | { kind: 'label'; id: string; x: number; y: number; anchor: Anchor; sym: Sym; role?: Role; value?: RowName | 'x'; parts: readonly string[]; /** baseline of the value (default: a line below the symbol) */ vy?: number }
  | { kind: 'cut'; id: string; x: number; y: number; vertical: boolean; reason: 'here' | 'next' | 'end' };

export interface Layout {
  width: number;
  height: number;
  prims: Prim[];
}

const GATE_W = 66;
const GATE_H = 56;

/** All parts that involve the gates' inputs (x_t and h_{t-1} on the bus). */
const IN_FWD: Record<CellType, readonly string[]> = {
  lstm: ['f', 'i', 'g', 'o'],
  gru: ['r', 'z', 'n'],
  rnn: ['pre'],
};

export function cellLayout(cell: CellType, phase: Phase): Layout {
  switch (cell) {
    case 'lstm':
      return lstmLayout(phase);
    case 'gru':
      return gruLayout(phase);
    case 'rnn':
      return rnnLayout(phase);
  }
}

function lstmLayout(phase: Phase): Layout {
  const fwd = phase === 'forward';
  const W = 480;
  const Hh = 300;
  const hw = 44; // highway
  const gy = 186; // gate centre
  const gTop = gy - GATE_H / 2;
  const gBot = gy + GATE_H / 2;
  const bus = 252;
  const X = { f: 92, i: 166, g: 240, o: 314 };
  const fc = { x: X.f, y: hw };
  const plus = { x: 203, y: hw };
  const ig = { x: 203, y: 118 };
  const tanh = { x: 400, y: 92 };
  const ho = { x: 400, y: 146 };
  const head = { x: 446, y: 200 };
  const r = 11;
  const prims: Prim[] = [
    // the c highway
    { kind: 'wire', id: 'hw.in', d: `M10,${hw} H${fc.x - r}`, parts: ['c', 'dprev'], arrow: true },
    { kind: 'wire', id: 'hw.mid', d: `M${fc.x + r},${hw} H${plus.x - r}`, parts: ['c', 'dc'], arrow: true },
    { kind: 'wire', id: 'hw.out', d: `M${plus.x + r},${hw} H${W - 8}`, parts: ['c', 'h', 'dc'], arrow: true },
    { kind: 'wire', id: 'hw.tap', d: `M${tanh.x},${hw} V${tanh.y - 12}`, parts: ['h', 'dc'], arrow: true },
    { kind: 'dot', x: tanh.x, y: hw, parts: ['h', 'dc'] },
    // gate outputs
    { kind: 'wire', id: 'w.f', d: `M${X.f},${gTop} V${fc.y + r}`, parts: ['f', 'c', 'df'], arrow: true },
    { kind: 'wire', id: 'w.i', d: `M${X.i},${gTop} V${ig.y} H${ig.x - r}`, parts: ['i', 'c', 'di'], arrow: true },
    { kind: 'wire', id: 'w.g', d: `M${X.g},${gTop} V${ig.y} H${ig.x + r}`, parts: ['g', 'c', 'dg'], arrow: true },
    { kind: 'wire', id: 'w.ig', d: `M${ig.x},${ig.y - r} V${plus.y + r}`, parts: ['c', 'di', 'dg'], arrow: true },
    { kind: 'wire', id: 'w.tc', d: `M${tanh.x},${tanh.y + 12} V${ho.y - r}`, parts: ['h', 'dc', 'do'], arrow: true },
    { kind: 'wire', id: 'w.o', d: `M${X.o},${gTop} V${ho.y} H${ho.x - r}`, parts: ['o', 'h', 'do'], arrow: true },
    // h_t leaves to the right (next step) and to the head (y_t)
    { kind: 'wire', id: 'w.h', d: `M${ho.x},${ho.y + r} V${bus} H${W - 8}`, parts: ['h', 'y', 'dh', 'do', 'dc'], arrow: true },
    { kind: 'wire', id: 'w.y', d: `M${head.x},${bus} V${head.y + 15}`, parts: ['y', 'dh'], arrow: true },
    { kind: 'dot', x: head.x, y: bus, parts: ['y', 'dh'] },
    // inputs: h_{t-1} along the bus, x_t from below
    { kind: 'wire', id: 'bus', d: `M10,${bus} H${X.o}`, parts: [...IN_FWD.lstm, 'dprev'], arrow: 'backward' },
    { kind: 'wire', id: 'in.x', d: `M56,${Hh - 4} V${bus}`, parts: IN_FWD.lstm, arrow: false },
    { kind: 'dot', x: 56, y: bus, parts: IN_FWD.lstm },
    ...(['f', 'i', 'g', 'o'] as const).map(
      (k): Prim => ({ kind: 'wire', id: `feed.${k}`, d: `M${X[k]},${bus} V${gBot}`, parts: [k, `d${k}`, 'dprev'], arrow: true }),
    ),
    // the four layers
    layer('f', 'f', 'σ', X.f, gy, fwd ? 'act.f' : 'dgi.f', ['f', 'c', 'df']),
    layer('i', 'i', 'σ', X.i, gy, fwd ? 'act.i' : 'dgi.i', ['i', 'c', 'di']),
    layer('g', 'g', 'tanh', X.g, gy, fwd ? 'act.g' : 'dgi.g', ['g', 'c', 'dg']),
    layer('o', 'o', 'σ', X.o, gy, fwd ? 'act.o' : 'dgi.o', ['o', 'h', 'do']),
    { kind: 'layer', id: 'head', role: 'y', gate: 'y', fn: 'W', cx: head.x, cy: head.y, w: 40, h: 30, row: null, parts: ['y', 'dh'] },
    // pointwise operations
    { kind: 'op', id: 'op.fc', sym: '⊙', cx: fc.x, cy: fc.y, parts: ['c', 'df', 'dprev'], value: fwd ? 'keep' : undefined, vx: 148, vy: hw - 8, vAnchor: 'middle' },
    { kind: 'op', id: 'op.plus', sym: '+', cx: plus.x, cy: plus.y, parts: ['c', 'dc'], value: fwd ? undefined : 'dc', vx: 148, vy: hw - 8, vAnchor: 'middle' },
    { kind: 'op', id: 'op.ig', sym: '⊙', cx: ig.x, cy: ig.y, parts: ['c', 'di', 'dg'], value: fwd ? 'write' : undefined, vx: ig.x, vy: ig.y + 26, vAnchor: 'middle' },
    { kind: 'op', id: 'op.tanh', sym: 'tanh', cx: tanh.x, cy: tanh.y, parts: ['h', 'dc'], value: fwd ? 'tc' : 'dcLocal', vx: tanh.x + 26, vy: tanh.y + 4, vAnchor: 'start' },
    { kind: 'op', id: 'op.ho', sym: '⊙', cx: ho.x, cy: ho.y, parts: ['h', 'do', 'dh'] },
    // states and inputs
    label('c.prev', 24, hw - 24, 'start', { base: 'c', sub: 't−1', delta: !fwd }, 'c', fwd ? 'cPrev' : 'dcPrev', ['c', 'dprev'], hw - 7),
    label('c.next', W - 22, hw - 24, 'end', fwd ? { base: 'c', sub: 't' } : { base: 'c', sub: 't', sup: '(t+1)', delta: true }, 'c', fwd ? 'c' : 'dcNext', ['c', 'dc'], hw - 7),
    label('h.prev', 24, bus - 24, 'start', { base: 'h', sub: 't−1', delta: !fwd }, 'h', fwd ? 'hPrev' : 'dhPrev', [...IN_FWD.lstm, 'dprev'], bus - 7),
    label('h.next', W - 22, bus + 20, 'end', fwd ? { base: 'h', sub: 't' } : { base: 'h', sub: 't', sup: '(t+1)', delta: true }, 'h', fwd ? 'h' : 'dhNext', ['h', 'dh']),
    label('x', 64, bus + 22, 'start', { base: 'x', sub: 't' }, 'x', fwd ? 'x' : undefined, IN_FWD.lstm),
    label('y', head.x, head.y - (fwd ? 22 : 40), 'middle', fwd ? { base: 'y', sub: 't' } : { base: 'h', sub: 't', sup: '(y)', delta: true }, 'y', fwd ? undefined : 'dhHead', ['y', 'dh'], head.y - 24),
  ];
  if (!fwd) {
    prims.push(
      label('dh.total', ho.x - 8, 228, 'end', { base: 'h', sub: 't', delta: true }, 'h', 'dh', ['dh', 'do', 'dc']),
      { kind: 'cut', id: 'cut.h', x: 13, y: bus, vertical: true, reason: 'here' },
      { kind: 'cut', id: 'cut.c', x: 13, y: hw, vertical: true, reason: 'here' },
      { kind: 'cut', id: 'cut.hn', x: W - 11, y: bus, vertical: true, reason: 'next' },
      { kind: 'cut', id: 'cut.cn', x: W - 11, y: hw, vertical: true, reason: 'next' },
    );
  }
  return { width: W, height: Hh, prims };
}

function gruLayout(phase: Phase): Layout {
  const fwd = phase === 'forward';
  const W = 480;
  const Hh = 300;
  const hw = 44;
  const gy = 186;
  const gTop = gy - GATE_H / 2;
  const gBot = gy + GATE_H / 2;
  const bus = 252;
  const X = { z: 104, r: 198, n: 340 };
  const zh = { x: X.z, y: hw };
  const plus = { x: X.n, y: hw };
  const notZ = { x: X.r, y: 112 };
  const nz = { x: X.n, y: 112 };
  const rn = { x: 269, y: gy };
  const head = { x: 446, y: 120 };
  const split = 40;
  const r = 11;
  const prims: Prim[] = [
    // the h highway
    { kind: 'wire', id: 'hw.in', d: `M10,${hw} H${zh.x - r}`, parts: ['h', 'dprev'], arrow: true },
    { kind: 'wire', id: 'hw.mid', d: `M${zh.x + r},${hw} H${plus.x - r}`, parts: ['h', 'dz', 'dprev'], arrow: true },
    { kind: 'wire', id: 'hw.out', d: `M${plus.x + r},${hw} H${W - 8}`, parts: ['h', 'y', 'dh'], arrow: true },
    { kind: 'wire', id: 'w.y', d: `M${head.x},${hw} V${head.y - 15}`, parts: ['y', 'dh'], arrow: true },
    { kind: 'dot', x: head.x, y: hw, parts: ['y', 'dh'] },
    // h_{t-1} also goes down to the gates
    { kind: 'wire', id: 'w.down', d: `M${split},${hw} V${bus} H${X.n}`, parts: [...IN_FWD.gru, 'dprev'], arrow: false },
    { kind: 'dot', x: split, y: hw, parts: [...IN_FWD.gru, 'dprev'] },
    { kind: 'wire', id: 'in.x', d: `M76,${Hh - 4} V${bus}`, parts: IN_FWD.gru, arrow: false },
    { kind: 'dot', x: 76, y: bus, parts: IN_FWD.gru },
    ...(['z', 'r', 'n'] as const).map((k): Prim => ({ kind: 'wire', id: `feed.${k}`, d: `M${X[k]},${bus} V${gBot}`, parts: [k, `d${k}`, 'dprev'], arrow: true })),
    // z keeps the old state; 1 − z lets the candidate in
    { kind: 'wire', id: 'w.z', d: `M${X.z},${gTop} V${zh.y + r}`, parts: ['z', 'h', 'dz'], arrow: true },
    { kind: 'wire', id: 'w.z1', d: `M${X.z},${notZ.y} H${notZ.x - r}`, parts: ['z', 'h', 'dz'], arrow: true },
    { kind: 'dot', x: X.z, y: notZ.y, parts: ['z', 'h', 'dz'] },
    { kind: 'wire', id: 'w.notz', d: `M${notZ.x + r},${notZ.y} H${nz.x - r}`, parts: ['h', 'dz'], arrow: true },
    { kind: 'wire', id: 'w.n', d: `M${X.n},${gTop} V${nz.y + r}`, parts: ['n', 'h', 'dn'], arrow: true },
    { kind: 'wire', id: 'w.nz', d: `M${nz.x},${nz.y - r} V${plus.y + r}`, parts: ['h', 'dn', 'dz'], arrow: true },
    // r gates the recurrent part of the candidate
    { kind: 'wire', id: 'w.r', d: `M${X.r + GATE_W / 2},${gy} H${rn.x - 10}`, parts: ['r', 'n', 'dr'], arrow: true },
    { kind: 'wire', id: 'w.rn', d: `M${rn.x + 10},${gy} H${X.n - GATE_W / 2}`, parts: ['r', 'n', 'dr', 'dn'], arrow: true },
    layer('r', 'r', 'σ', X.r, gy, fwd ? 'act.r' : 'dgi.r', ['r', 'n', 'dr']),
    layer('z', 'z', 'σ', X.z, gy, fwd ? 'act.z' : 'dgi.z', ['z', 'h', 'dz']),
    layer('n', 'n', 'tanh', X.n, gy, fwd ? 'act.n' : 'dgi.n', ['n', 'h', 'dn']),
    { kind: 'layer', id: 'head', role: 'y', gate: 'y', fn: 'W', cx: head.x, cy: head.y, w: 40, h: 30, row: null, parts: ['y', 'dh'] },
    { kind: 'op', id: 'op.zh', sym: '⊙', cx: zh.x, cy: zh.y, parts: ['h', 'dz', 'dprev'], value: fwd ? 'keep' : 'dhPrevDirect', vx: 170, vy: hw - 8, vAnchor: 'middle' },
    { kind: 'op', id: 'op.plus', sym: '+', cx: plus.x, cy: plus.y, parts: ['h', 'dh'] },
    { kind: 'op', id: 'op.notz', sym: '1−', cx: notZ.x, cy: notZ.y, parts: ['h', 'dz'], value: fwd ? 'notZ' : undefined, vx: notZ.x, vy: notZ.y - 16, vAnchor: 'middle' },
    { kind: 'op', id: 'op.nz', sym: '⊙', cx: nz.x, cy: nz.y, parts: ['h', 'dn', 'dz'], value: fwd ? 'write' : undefined, vx: nz.x + 16, vy: nz.y + 4, vAnchor: 'start' },
    { kind: 'op', id: 'op.rn', sym: '⊙', cx: rn.x, cy: rn.y, parts: ['n', 'dn', 'dr'], value: fwd ? undefined : 'dgh.n', vx: rn.x, vy: rn.y - 16, vAnchor: 'middle' },
    label('h.prev', 24, hw - 24, 'start', { base: 'h', sub: 't−1', delta: !fwd }, 'h', fwd ? 'hPrev' : 'dhPrev', ['h', ...IN_FWD.gru, 'dprev'], hw - 7),
    label('h.next', W - 22, hw - 24, 'end', fwd ? { base: 'h', sub: 't' } : { base: 'h', sub: 't', sup: '(t+1)', delta: true }, 'h', fwd ? 'h' : 'dhNext', ['h', 'dh'], hw - 7),
    label('x', 84, bus + 22, 'start', { base: 'x', sub: 't' }, 'x', fwd ? 'x' : undefined, IN_FWD.gru),
    label('y', head.x, head.y + 34, 'middle', fwd ? { base: 'y', sub: 't' } : { base: 'h', sub: 't', sup: '(y)', delta: true }, 'y', fwd ? undefined : 'dhHead', ['y', 'dh']),
  ];
  if (!fwd) {
    prims.push(
      { kind: 'label', id: 'dh.total', x: plus.x + 16, y: hw + 24, anchor: 'start', sym: { base: 'h', sub: 't', delta: true }, role: 'h', value: 'dh', parts: ['dh'] },
      { kind: 'cut', id: 'cut.h', x: 13, y: hw, vertical: true, reason: 'here' },
      { kind: 'cut', id: 'cut.hn', x: W - 11, y: hw, vertical: true, reason: 'next' },
    );
  }
  return { width: W, height: Hh, prims };
}

function rnnLayout(phase: Phase): Layout {
  const fwd = phase === 'forward';
  const W = 480;
  const Hh = 236;
  const hw = 40;
  const box = { x: 230, y: 118, w: 124, h: 64 };
  const bus = 186;
  const head = { x: 420, y: 104 };
  const prims: Prim[] = [
    { kind: 'wire', id: 'bus', d: `M10,${bus} H${box.x}`, parts: ['pre', 'dprev'], arrow: 'backward' },
    { kind: 'wire', id: 'in.x', d: `M76,${Hh - 4} V${bus}`, parts: ['pre'], arrow: false },
    { kind: 'dot', x: 76, y: bus, parts: ['pre'] },
    { kind: 'wire', id: 'feed.a', d: `M${box.x},${bus} V${box.y + box.h / 2}`, parts: ['pre', 'h', 'dpre', 'dprev'], arrow: true },
    { kind: 'wire', id: 'w.h', d: `M${box.x},${box.y - box.h / 2} V${hw} H${W - 8}`, parts: ['h', 'y', 'dh', 'dpre'], arrow: true },
    { kind: 'wire', id: 'w.y', d: `M${head.x},${hw} V${head.y - 15}`, parts: ['y', 'dh'], arrow: true },
    { kind: 'dot', x: head.x, y: hw, parts: ['y', 'dh'] },
    { kind: 'layer', id: 'a', role: 'h', gate: 'a', fn: 'tanh', cx: box.x, cy: box.y, w: box.w, h: box.h, row: fwd ? 'h' : 'dgi.a', parts: ['pre', 'h', 'dpre'] },
    { kind: 'layer', id: 'head', role: 'y', gate: 'y', fn: 'W', cx: head.x, cy: head.y, w: 40, h: 30, row: null, parts: ['y', 'dh'] },
    label('h.prev', 24, bus - 24, 'start', { base: 'h', sub: 't−1', delta: !fwd }, 'h', fwd ? 'hPrev' : 'dhPrev', ['pre', 'dprev'], bus - 7),
    label('h.next', W - 22, hw - 24, 'end', fwd ? { base: 'h', sub: 't' } : { base: 'h', sub: 't', sup: '(t+1)', delta: true }, 'h', fwd ? 'h' : 'dhNext', ['h', 'dh'], hw - 7),
    label('x', 84, bus + 22, 'start', { base: 'x', sub: 't' }, 'x', fwd ? 'x' : undefined, ['pre']),
    label('y', head.x, head.y + 34, 'middle', fwd ? { base: 'y', sub: 't' } : { base: 'h', sub: 't', sup: '(y)', delta: true }, 'y', fwd ? undefined : 'dhHead', ['y', 'dh']),
  ];
  if (fwd) {
    prims.push(label('a-label', box.x + 10, bus - 24, 'start', { base: 'a', sub: 't' }, undefined, 'pre.a', ['pre'], bus - 7));
  } else {
    prims.push(
      label('dh.total', box.x + 12, hw + 26, 'start', { base: 'h', sub: 't', delta: true }, 'h', 'dh', ['dh']),
      { kind: 'cut', id: 'cut.h', x: 13, y: bus, vertical: true, reason: 'here' },
      { kind: 'cut', id: 'cut.hn', x: W - 11, y: hw, vertical: true, reason: 'next' },
    );
  }
  return { width: W, height: Hh, prims };
}

function layer(id: string, role: Role, fn: 'σ' | 'tanh', cx: number, cy: number, row: RowName, parts: readonly string[]): Prim {
  return { kind: 'layer', id, role, gate: id, fn, cx, cy, w: GATE_W, h: GATE_H, row, parts };
}

function label(
  id: string,
  x: number,
  y: number,
  anchor: Anchor,
  sym: Sym,
  role: Role | undefined,
  value: RowName | 'x' | undefined,
  parts: readonly string[],
  vy?: number,
): Prim {
  return { kind: 'label', id, x, y, anchor, sym, role, value, parts, vy };
}
