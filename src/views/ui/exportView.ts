/**
 * Exports a view as a standalone SVG or PNG. The view's SVG is cloned with the styles that
 * the stylesheet and the theme's CSS variables give it written onto each element, so the file
 * looks the same outside the app; canvases (the timeline's cells) become embedded images.
 */
import { download } from './download';

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  dst.setAttribute('style', style);
  for (let i = 0; i < src.children.length; i++) inlineStyles(src.children[i], dst.children[i]);
}

/**
 * A canvas as it shows: a band of the packed timeline holds one pixel per cell, which CSS
 * stretches and masks into columns with gaps (timelinePainter.ts); drawn here the same way.
 */
function shownCanvas(el: HTMLCanvasElement, w: number, h: number): HTMLCanvasElement {
  const colWidth = Number(el.dataset.colWidth);
  const cell = Number(el.dataset.cell);
  if (!(colWidth > 0 && cell > 0)) return el;
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.ceil(w));
  out.height = Math.max(1, Math.ceil(h));
  const ctx = out.getContext('2d');
  if (!ctx) return el;
  ctx.imageSmoothingEnabled = false;
  const gap = (colWidth - cell) / 2;
  for (let t = 0; t < el.width; t++) ctx.drawImage(el, t, 0, 1, el.height, t * colWidth + gap, 0, cell, h);
  return out;
}

/**
 * One SVG document for the view inside `root`: its canvases and SVGs, stacked at their places
 * on a background of the panel colour.
 */
export function viewToSvg(root: Element): { svg: string; width: number; height: number } {
  const box = root.getBoundingClientRect();
  const width = Math.ceil(Math.max(root.scrollWidth, box.width));
  const height = Math.ceil(Math.max(root.scrollHeight, box.height));
  const ns = 'http://www.w3.org/2000/svg';
  const out = document.createElementNS(ns, 'svg');
  out.setAttribute('xmlns', ns);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#ffffff');
  out.appendChild(bg);
  const place = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - box.left + root.scrollLeft, y: r.top - box.top + root.scrollTop, w: r.width, h: r.height };
  };
  const parts = root.matches('svg, canvas') ? [root] : Array.from(root.querySelectorAll('canvas, svg'));
  for (const el of parts) {
    if (el !== root && el.parentElement?.closest('svg')) continue; // an svg inside an svg comes with its parent
    const { x, y, w, h } = place(el);
    if (w === 0 || h === 0) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el instanceof HTMLCanvasElement) {
      const img = document.createElementNS(ns, 'image');
      img.setAttribute('href', shownCanvas(el, w, h).toDataURL('image/png'));
      img.setAttribute('x', String(x));
      img.setAttribute('y', String(y));
      img.setAttribute('width', String(w));
      img.setAttribute('height', String(h));
      const clip = style.clipPath;
      const m = /inset\(0(?:px)? 0(?:px)? 0(?:px)? ([\d.]+)px\)/.exec(clip ?? '');
      if (m) {
        // the gradient layer shows only from its clip edge on
        const id = `clip${out.childNodes.length}`;
        const cp = document.createElementNS(ns, 'clipPath');
        cp.setAttribute('id', id);
        const r = document.createElementNS(ns, 'rect');
        r.setAttribute('x', String(x + Number(m[1])));
        r.setAttribute('y', String(y));
        r.setAttribute('width', String(Math.max(0, w - Number(m[1]))));
        r.setAttribute('height', String(h));
        cp.appendChild(r);
        out.appendChild(cp);
        img.setAttribute('clip-path', `url(#${id})`);
      }
      out.appendChild(img);
    } else {
      const clone = el.cloneNode(true) as SVGSVGElement;
      inlineStyles(el, clone);
      clone.setAttribute('x', String(x));
      clone.setAttribute('y', String(y));
      clone.setAttribute('width', String(w));
      clone.setAttribute('height', String(h));
      if (!clone.getAttribute('viewBox') && el instanceof SVGSVGElement) clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
      out.appendChild(clone);
    }
  }
  // HTML overlays that veil steps not computed yet, as rectangles
  for (const veil of Array.from(root.querySelectorAll<HTMLElement>('.future-veil'))) {
    const { x, y, w, h } = place(veil);
    if (w <= 0) continue;
    const r = document.createElementNS(ns, 'rect');
    const cs = getComputedStyle(veil);
    r.setAttribute('x', String(x));
    r.setAttribute('y', String(y));
    r.setAttribute('width', String(w));
    r.setAttribute('height', String(h));
    r.setAttribute('fill', cs.backgroundColor);
    r.setAttribute('opacity', cs.opacity);
    out.appendChild(r);
  }
  return { svg: new XMLSerializer().serializeToString(out), width, height };
}

export function exportSvg(root: Element, name: string): void {
  download(viewToSvg(root).svg, `${name}.svg`, 'image/svg+xml');
}

/** Draws the SVG export on a canvas at twice the size and saves it as PNG. */
export async function exportPng(root: Element, name: string): Promise<void> {
  const { svg, width, height } = viewToSvg(root);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the view could not be drawn'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    if (!blob) throw new Error('the PNG could not be made');
    download(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
