/**
 * The cell equations as data: TeX per cell, per phase, keyed by the sub-step names of
 * SUBSTEPS (src/engine/session.ts), in the two notations the app offers:
 *   lecture — row vectors, as in the lecture note: f = σ(x_t W_x^f + h_{t-1} W_h^f + b^f)
 *   pytorch — column vectors, as in the PyTorch docs: f = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
 *
 * `tex` is the symbolic line. `num` is the same line for one unit with the real numbers
 * substituted: `@name` stands for a number the view reads from the snapshot (never computes),
 * `@name:p` puts it in parentheses when it is negative, `@j` is the unit's index. The names
 * a view must supply are listed in NUMBER_NAMES.
 *
 * Role symbols are wrapped in \htmlClass{role-x}{…} (our own tags: the only ones the renderer
 * trusts) so they take the same hue as in the diagram.
 */

export type EqCell = 'rnn' | 'lstm' | 'gru';
export type EqPhase = 'forward' | 'backward';
export type EqNotation = 'lecture' | 'pytorch';
/** How the output line's numbers read: one mse output, several, or a class probability. */
export type EqOutput = 'mse' | 'mseVector' | 'cross_entropy';

export interface EquationLine {
  /** the SUBSTEPS name this line belongs to */
  key: string;
  tex: Record<EqNotation, string>;
  /** the line with one unit's numbers; per kind of output for the output line */
  num: Record<EqNotation, string> | Record<EqOutput, string>;
}

/** A role symbol in its hue. */
const R = (role: string, tex: string) => `\\htmlClass{role-${role}}{${tex}}`;
export { R as roleTex };
const both = (s: string): Record<EqNotation, string> => ({ lecture: s, pytorch: s });

const f = R('f', 'f_t');
const i = R('i', 'i_t');
const g = R('g', 'g_t');
const o = R('o', 'o_t');
const c = R('c', 'c_t');
const cPrev = R('c', 'c_{t-1}');
const r = R('r', 'r_t');
const z = R('z', 'z_t');
const n = R('n', 'n_t');
const h = R('h', 'h_t');
const hPrev = R('h', 'h_{t-1}');
const x = R('x', 'x_t');
const y = R('y', 'y_t');
const d = '\\delta ';

/** Gate line in both notations: σ or tanh of the input part plus the recurrent part. */
function gate(role: string, act: '\\sigma' | '\\tanh', sym: string): Record<EqNotation, string> {
  return {
    lecture: `${sym} = ${act}\\big(${x} W_x^{${role}} + ${hPrev} W_h^{${role}} + b^{${role}}\\big)`,
    pytorch: `${sym} = ${act}\\big(W_{i${role}} ${x} + b_{i${role}} + W_{h${role}} ${hPrev} + b_{h${role}}\\big)`,
  };
}

/** The numbers of a gate line: act(input part + recurrent part) = act(pre) = value. */
function gateNum(role: string, act: '\\sigma' | '\\tanh'): Record<EqNotation, string> {
  return both(`${R(role, `${role}_{@j,t}`)} = ${act}(@gi.${role} + @gh.${role}:p) = ${act}(@pre.${role}) = @act.${role}`);
}

const output: EquationLine = {
  key: 'y',
  tex: {
    lecture: `${y} = ${h} W_y + b_y,\\quad \\ell_t = \\ell(${y}, y^{*}_t)`,
    pytorch: `${y} = W_{hy} ${h} + b_y,\\quad \\ell_t = \\ell(${y}, y^{*}_t)`,
  },
  num: {
    mse: `${y} = @y,\\; y^{*}_t = @target,\\; \\ell_t = (@y - @target:p)^2 = @loss`,
    mseVector: `\\ell_t = \\tfrac{1}{O} \\lVert ${y} - y^{*}_t \\rVert^2 = @loss`,
    cross_entropy: `p_t(y^{*}_t) = @prob,\\; \\ell_t = -\\log p_t(y^{*}_t) = @loss`,
  },
};

/** δh_t gathers the head's part and what step t + 1 sent back. */
const arrive: EquationLine = {
  key: 'dh',
  tex: {
    lecture: `${d}${h} = ${d}${y} W_y^{\\top} + ${d}${h}^{(t+1)}`,
    pytorch: `${d}${h} = W_{hy}^{\\top} ${d}${y} + ${d}${h}^{(t+1)}`,
  },
  num: both(`${d}${R('h', 'h_{@j,t}')} = @dhHead + @dhNext:p = @dh`),
};

export const EQUATIONS: Record<EqCell, Record<EqPhase, readonly EquationLine[]>> = {
  rnn: {
    forward: [
      {
        key: 'pre',
        tex: {
          lecture: `a_t = ${hPrev} W_h + ${x} W_x + b`,
          pytorch: `a_t = W_{ih} ${x} + b_{ih} + W_{hh} ${hPrev} + b_{hh}`,
        },
        num: {
          lecture: `a_{@j,t} = @gh.a + @gi.a:p = @pre.a`,
          pytorch: `a_{@j,t} = @gi.a + @gh.a:p = @pre.a`,
        },
      },
      {
        key: 'h',
        tex: both(`${h} = \\tanh(a_t)`),
        num: both(`${R('h', 'h_{@j,t}')} = \\tanh(@pre.a) = @h`),
      },
      output,
    ],
    backward: [
      arrive,
      {
        key: 'dpre',
        tex: both(`${d}a_t = ${d}${h} \\odot (1 - ${h}^2)`),
        num: both(`${d}a_{@j,t} = @dh \\cdot (1 - @h:p^2) = @dgi.a`),
      },
      {
        key: 'dprev',
        tex: {
          lecture: `${d}${hPrev} = ${d}a_t\\, W_h^{\\top}`,
          pytorch: `${d}${hPrev} = W_{hh}^{\\top} ${d}a_t`,
        },
        num: {
          lecture: `${d}${R('h', 'h_{@j,t-1}')} = \\textstyle\\sum_k ${d}a_{k,t} (W_h)_{@j k} = @dhPrev`,
          pytorch: `${d}${R('h', 'h_{@j,t-1}')} = \\textstyle\\sum_k (W_{hh})_{k @j}\\, ${d}a_{k,t} = @dhPrev`,
        },
      },
    ],
  },
  lstm: {
    forward: [
      { key: 'f', tex: gate('f', '\\sigma', f), num: gateNum('f', '\\sigma') },
      { key: 'i', tex: gate('i', '\\sigma', i), num: gateNum('i', '\\sigma') },
      { key: 'g', tex: gate('g', '\\tanh', g), num: gateNum('g', '\\tanh') },
      {
        key: 'c',
        tex: {
          // the lecture writes g ⊙ i
          lecture: `${c} = ${f} \\odot ${cPrev} + ${g} \\odot ${i}`,
          pytorch: `${c} = ${f} \\odot ${cPrev} + ${i} \\odot ${g}`,
        },
        num: {
          lecture: `${R('c', 'c_{@j,t}')} = @act.f \\cdot @cPrev:p + @act.g:p \\cdot @act.i = @keep + @write:p = @c`,
          pytorch: `${R('c', 'c_{@j,t}')} = @act.f \\cdot @cPrev:p + @act.i \\cdot @act.g:p = @keep + @write:p = @c`,
        },
      },
      { key: 'o', tex: gate('o', '\\sigma', o), num: gateNum('o', '\\sigma') },
      {
        key: 'h',
        tex: both(`${h} = ${o} \\odot \\tanh(${c})`),
        num: both(`${R('h', 'h_{@j,t}')} = @act.o \\cdot \\tanh(@c) = @act.o \\cdot @tc:p = @h`),
      },
      output,
    ],
    backward: [
      arrive,
      {
        key: 'do',
        tex: both(`${d}a^{o}_t = ${d}${h} \\odot \\tanh(${c}) \\odot ${o}(1 - ${o})`),
        num: both(`${d}a^{o}_{@j,t} = @dh \\cdot @tc:p \\cdot @act.o (1 - @act.o) = @dgi.o`),
      },
      {
        key: 'dc',
        tex: both(`${d}${c} = ${d}${h} \\odot ${o} \\odot (1 - \\tanh^2 ${c}) + ${d}${R('c', 'c_{t+1}')} \\odot ${R('f', 'f_{t+1}')}`),
        num: both(`${d}${R('c', 'c_{@j,t}')} = @dh \\cdot @act.o \\cdot (1 - @tc:p^2) + @dcNext:p = @dcLocal + @dcNext:p = @dc`),
      },
      {
        key: 'df',
        tex: both(`${d}a^{f}_t = ${d}${c} \\odot ${cPrev} \\odot ${f}(1 - ${f})`),
        num: both(`${d}a^{f}_{@j,t} = @dc \\cdot @cPrev:p \\cdot @act.f (1 - @act.f) = @dgi.f`),
      },
      {
        key: 'di',
        tex: both(`${d}a^{i}_t = ${d}${c} \\odot ${g} \\odot ${i}(1 - ${i})`),
        num: both(`${d}a^{i}_{@j,t} = @dc \\cdot @act.g:p \\cdot @act.i (1 - @act.i) = @dgi.i`),
      },
      {
        key: 'dg',
        tex: both(`${d}a^{g}_t = ${d}${c} \\odot ${i} \\odot (1 - ${g}^2)`),
        num: both(`${d}a^{g}_{@j,t} = @dc \\cdot @act.i \\cdot (1 - @act.g:p^2) = @dgi.g`),
      },
      {
        key: 'dprev',
        tex: {
          lecture: `${d}${cPrev} = ${d}${c} \\odot ${f},\\quad ${d}${hPrev} = ${d}a_t\\, W_h^{\\top}`,
          pytorch: `${d}${cPrev} = ${d}${c} \\odot ${f},\\quad ${d}${hPrev} = W_{hh}^{\\top} ${d}a_t`,
        },
        num: {
          lecture: `${d}${R('c', 'c_{@j,t-1}')} = @dc \\cdot @act.f = @dcPrev,\\; ${d}${R('h', 'h_{@j,t-1}')} = \\textstyle\\sum_k ${d}a_{k,t} (W_h)_{@j k} = @dhPrev`,
          pytorch: `${d}${R('c', 'c_{@j,t-1}')} = @dc \\cdot @act.f = @dcPrev,\\; ${d}${R('h', 'h_{@j,t-1}')} = \\textstyle\\sum_k (W_{hh})_{k @j}\\, ${d}a_{k,t} = @dhPrev`,
        },
      },
    ],
  },
  gru: {
    forward: [
      { key: 'r', tex: gate('r', '\\sigma', r), num: gateNum('r', '\\sigma') },
      { key: 'z', tex: gate('z', '\\sigma', z), num: gateNum('z', '\\sigma') },
      {
        key: 'n',
        tex: {
          lecture: `${n} = \\tanh\\big(${x} W_x^{n} + b_x^{n} + ${r} \\odot (${hPrev} W_h^{n} + b_h^{n})\\big)`,
          pytorch: `${n} = \\tanh\\big(W_{in} ${x} + b_{in} + ${r} \\odot (W_{hn} ${hPrev} + b_{hn})\\big)`,
        },
        num: both(`${R('n', 'n_{@j,t}')} = \\tanh(@gi.n + @act.r \\cdot @gh.n:p) = \\tanh(@pre.n) = @act.n`),
      },
      {
        key: 'h',
        tex: both(`${h} = (1 - ${z}) \\odot ${n} + ${z} \\odot ${hPrev}`),
        num: both(`${R('h', 'h_{@j,t}')} = (1 - @act.z) \\cdot @act.n:p + @act.z \\cdot @hPrev:p = @write + @keep:p = @h`),
      },
      output,
    ],
    backward: [
      arrive,
      {
        key: 'dn',
        tex: {
          lecture: `${d}a^{n}_t = ${d}${h} \\odot (1 - ${z}) \\odot (1 - ${n}^2),\\quad ${d}(${hPrev} W_h^{n} + b_h^{n}) = ${r} \\odot ${d}a^{n}_t`,
          pytorch: `${d}a^{n}_t = ${d}${h} \\odot (1 - ${z}) \\odot (1 - ${n}^2),\\quad ${d}(W_{hn} ${hPrev} + b_{hn}) = ${r} \\odot ${d}a^{n}_t`,
        },
        num: both(`${d}a^{n}_{@j,t} = @dh \\cdot (1 - @act.z) \\cdot (1 - @act.n:p^2) = @dgi.n,\\; @act.r \\cdot @dgi.n:p = @dgh.n`),
      },
      {
        key: 'dz',
        tex: both(`${d}a^{z}_t = ${d}${h} \\odot (${hPrev} - ${n}) \\odot ${z}(1 - ${z})`),
        num: both(`${d}a^{z}_{@j,t} = @dh \\cdot (@hPrev - @act.n:p) \\cdot @act.z (1 - @act.z) = @dgi.z`),
      },
      {
        key: 'dr',
        tex: {
          lecture: `${d}a^{r}_t = ${d}a^{n}_t \\odot (${hPrev} W_h^{n} + b_h^{n}) \\odot ${r}(1 - ${r})`,
          pytorch: `${d}a^{r}_t = ${d}a^{n}_t \\odot (W_{hn} ${hPrev} + b_{hn}) \\odot ${r}(1 - ${r})`,
        },
        num: both(`${d}a^{r}_{@j,t} = @dgi.n \\cdot @gh.n:p \\cdot @act.r (1 - @act.r) = @dgi.r`),
      },
      {
        key: 'dprev',
        tex: {
          lecture: `${d}${hPrev} = ${d}${h} \\odot ${z} + ${d}a'_t\\, W_h^{\\top}`,
          pytorch: `${d}${hPrev} = ${d}${h} \\odot ${z} + W_{hh}^{\\top} ${d}a'_t`,
        },
        num: both(`${d}${R('h', 'h_{@j,t-1}')} = @dh \\cdot @act.z + @dhPrevRec:p = @dhPrevDirect + @dhPrevRec:p = @dhPrev`),
      },
    ],
  },
};

/** The line of one sub-step (undefined when a key has none). */
export function equationFor(cell: EqCell, phase: EqPhase, key: string): EquationLine | undefined {
  return EQUATIONS[cell][phase].find((l) => l.key === key);
}

/** The numeric template of a line for a notation (and, for the output line, the kind of output). */
export function numericTemplate(line: EquationLine, notation: EqNotation, output: EqOutput): string {
  const num = line.num as Record<string, string>;
  return num[notation] ?? num[output];
}

/** Every `@name` (without `:p`) a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** `@name`, `@name:p` or `@name:p^2` (squared); names are letters, digits and dots (gi.f, act.o, dhPrev). */
export const PLACEHOLDER = /@([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z])?)(:p)?(\^2)?/g;
