/**
 * Visual constants in one place: colour roles (one fixed hue per role everywhere),
 * light and dark themes from the same tokens, sizes and motion. The hues are the
 * Okabe–Ito palette, chosen to stay distinguishable under the common colour-vision
 * deficiencies; colour never carries meaning alone (labels and values are always there).
 */
export type ThemeName = 'light' | 'dark';

/** Hue of each role: gates, states, flows. Same in both themes. */
export const ROLE_COLORS = {
  f: '#D55E00', // forget gate: vermillion (keeps or drops the old cell state)
  i: '#0072B2', // input gate: blue
  g: '#009E73', // candidate: bluish green
  o: '#CC79A7', // output gate: reddish purple
  c: '#E69F00', // cell state: orange (the highway)
  r: '#56B4E9', // gru reset gate: sky blue
  z: '#D55E00', // gru update gate: like f, it decides how much of the old state stays
  n: '#009E73', // gru candidate: like g
  h: '#5E6AD2', // hidden state (rnn tanh)
  x: '#7A7A7A', // input
  y: '#8E5BB5', // output
  grad: '#C2185B', // backward flow
} as const;

export type Role = keyof typeof ROLE_COLORS;

/** Colours of the three cells in comparisons (also told apart by dash pattern). */
export const CELL_COLORS = { rnn: '#E69F00', lstm: '#0072B2', gru: '#009E73' } as const;
export const CELL_DASH = { rnn: '6 3', lstm: '', gru: '2 2' } as const;

interface Tokens {
  bg: string;
  panel: string;
  panelAlt: string;
  text: string;
  muted: string;
  border: string;
  accent: string;
  accentText: string;
  focus: string;
  current: string;
  future: string;
  forward: string;
  backward: string;
  cut: string;
  danger: string;
  warn: string;
  ok: string;
}

export const THEMES: Record<ThemeName, Tokens> = {
  light: {
    bg: '#F6F7F9',
    panel: '#FFFFFF',
    panelAlt: '#EEF1F5',
    text: '#1B1F24',
    muted: '#57606A',
    border: '#D0D7DE',
    accent: '#0B5CAD',
    accentText: '#FFFFFF',
    focus: '#E69F00',
    current: '#0B5CAD',
    future: '#B8BFC7',
    forward: '#24292F',
    backward: '#C2185B',
    cut: '#C2185B',
    danger: '#B42318',
    warn: '#8A5A00',
    ok: '#1A7F37',
  },
  dark: {
    bg: '#0E1116',
    panel: '#161B22',
    panelAlt: '#1F2630',
    text: '#E6EDF3',
    muted: '#9BA7B4',
    border: '#30363D',
    accent: '#58A6FF',
    accentText: '#0E1116',
    focus: '#F0B429',
    current: '#58A6FF',
    future: '#3A424D',
    forward: '#C9D1D9',
    backward: '#FF7AB6',
    cut: '#FF7AB6',
    danger: '#FF7B72',
    warn: '#E3B341',
    ok: '#3FB950',
  },
};

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function mix(hex: string, toward: number, amount: number): string {
  const out = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(v + (toward - v) * amount)
      .toString(16)
      .padStart(2, '0');
  });
  return '#' + out.join('');
}

/**
 * The role hue darkened (light theme) or lightened (dark theme) just enough for text to reach
 * a 4.5:1 contrast on every panel background: shapes keep the pure hue, words stay readable.
 */
export function textShade(hue: string, backgrounds: string[], dark: boolean): string {
  for (let a = 0; a <= 1.0001; a += 0.05) {
    const c = mix(hue, dark ? 255 : 0, a);
    if (backgrounds.every((b) => contrast(c, b) >= 4.6)) return c;
  }
  return dark ? '#ffffff' : '#000000';
}

/** Writes a theme's tokens as CSS custom properties (--bg, --text, …) on an element. */
export function applyTheme(el: HTMLElement, name: ThemeName): void {
  const tokens = THEMES[name];
  for (const [k, v] of Object.entries(tokens)) el.style.setProperty(`--${k.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())}`, v);
  const backgrounds = [tokens.panel, tokens.panelAlt, tokens.bg];
  for (const [k, v] of Object.entries(ROLE_COLORS)) {
    el.style.setProperty(`--role-${k}`, v);
    el.style.setProperty(`--role-${k}-text`, textShade(v, backgrounds, name === 'dark'));
  }
  el.dataset.theme = name;
  el.style.colorScheme = name;
}

export const MOTION_MS = 250;

/** Significant digits shown in views (tooltips and exports show full precision). */
export const DIGITS = 3;
