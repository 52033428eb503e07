// The course page's side of Unroll's postMessage API (docs/embedding.md): its buttons step and
// play each frame, and it shows the moment each frame reports. A file of its own, not an inline
// script: the page's Content-Security-Policy allows scripts from this site only.
'use strict';

const WORDS = {
  en: {
    forward: 'Forward',
    backward: 'Backward',
    of: (t, T) => `t = ${t} of ${T}`,
    loss: 'loss',
    range: (r) => `steps ${r.from}–${r.to} only`,
    held: 'held at the edge of the range',
    play: 'Play',
    pause: 'Pause',
    waiting: 'waiting for the frame…',
  },
  ko: {
    forward: '순전파',
    backward: '역전파',
    of: (t, T) => `t = ${t} / ${T}`,
    loss: '손실',
    range: (r) => `${r.from}–${r.to} 단계만`,
    held: '범위 끝에서 멈춤',
    play: '재생',
    pause: '일시 정지',
    waiting: '틀을 기다리는 중…',
  },
};

let lang = 'en';

/** One embedded moment: its frame, its buttons and its readout. */
function moment(figure) {
  const frame = figure.querySelector('iframe');
  const out = figure.querySelector('output.reported');
  const play = figure.querySelector('[data-send="play"]');
  let last = null;
  const send = (message) => frame.contentWindow.postMessage(message, location.origin);

  const show = () => {
    const w = WORDS[lang];
    if (!last) {
      out.textContent = w.waiting;
      return;
    }
    const parts = [`${last.phase === 'forward' ? w.forward : w.backward} · ${w.of(last.t, last.T)}`];
    if (last.loss !== null) parts.push(`${w.loss} ${last.loss.toFixed(4)}`);
    if (last.range) parts.push(w.range(last.range));
    if (last.clamped) parts.push(w.held);
    out.textContent = parts.join(' · ');
    play.querySelector(`[data-lang="${lang}"]`).textContent = last.playing ? w.pause : w.play;
    play.setAttribute('aria-pressed', String(last.playing));
  };

  figure.querySelector('[data-send="prev"]').addEventListener('click', () => send({ unroll: 'step', by: -1 }));
  figure.querySelector('[data-send="next"]').addEventListener('click', () => send({ unroll: 'step', by: 1 }));
  play.addEventListener('click', () => send({ unroll: last && last.playing ? 'pause' : 'play' }));

  window.addEventListener('message', (e) => {
    // Only this frame's own reports: from Unroll on this site, about this frame.
    if (e.source !== frame.contentWindow || e.origin !== location.origin) return;
    const m = e.data;
    if (!m || m.unroll !== 'moment') return;
    last = m;
    figure.dataset.phase = m.phase;
    figure.dataset.t = String(m.t);
    show();
  });

  return {
    show,
    /** The frame in another language, at the moment it shows now. */
    relabel() {
      const hash = new URLSearchParams(frame.dataset.hash);
      if (last) {
        hash.set('phase', last.phase);
        hash.set('t', String(last.t));
      }
      hash.set('lang', lang);
      send({ unroll: 'open', hash: '#' + hash.toString() });
      frame.title = lang === 'ko' ? frame.dataset.titleKo : frame.dataset.titleEn;
      const group = figure.querySelector('.drive');
      group.setAttribute('aria-label', lang === 'ko' ? group.dataset.labelKo : group.dataset.labelEn);
    },
  };
}

const moments = [...document.querySelectorAll('figure.moment')].map((f) => {
  const frame = f.querySelector('iframe');
  frame.dataset.titleEn = frame.title;
  const group = f.querySelector('.drive');
  group.dataset.labelEn = group.getAttribute('aria-label');
  return moment(f);
});

function setLang(next) {
  lang = next;
  document.documentElement.lang = next;
  for (const el of document.querySelectorAll('[data-lang]')) el.hidden = el.dataset.lang !== next;
  for (const b of document.querySelectorAll('[data-set-lang]')) b.setAttribute('aria-pressed', String(b.dataset.setLang === next));
  document.title = next === 'ko' ? '시간에 따른 역전파 · Unroll을 넣은 강의 페이지' : 'Backpropagation through time · a course page with Unroll';
  for (const m of moments) {
    m.relabel();
    m.show();
  }
}

for (const b of document.querySelectorAll('[data-set-lang]')) b.addEventListener('click', () => setLang(b.dataset.setLang));
for (const m of moments) m.show();

/**
 * This page has no font of its own, and a computer without a Korean font would show the Korean
 * text as boxes; so it borrows the one Unroll bundles, from the first frame (same site): the
 * frame's @font-face rules, in a stylesheet made here (the browser then fetches each piece of the
 * font when text needs it, as in the app). A course page of your own uses its own fonts.
 */
function borrowKoreanFont(frame) {
  let sheets;
  try {
    sheets = [...frame.contentDocument.styleSheets];
  } catch {
    return false;
  }
  const rules = [];
  for (const sheet of sheets) {
    let list;
    try {
      list = [...sheet.cssRules];
    } catch {
      continue;
    }
    for (const rule of list) {
      if (!(rule instanceof frame.contentWindow.CSSFontFaceRule) || !rule.style.getPropertyValue('font-family').includes('Noto Sans KR')) continue;
      const base = sheet.href ?? frame.contentWindow.location.href;
      rules.push(rule.cssText.replace(/url\(["']?([^"')]+)["']?\)/g, (_, u) => `url("${new URL(u, base).href}")`));
    }
  }
  if (rules.length === 0) return false;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  document.body.classList.add('korean-font');
  return true;
}

// The frame's stylesheet arrives with the app, a moment after this script runs.
const firstFrame = document.querySelector('figure.moment iframe');
let fontTries = 0;
(function borrowWhenReady() {
  if (!borrowKoreanFont(firstFrame) && ++fontTries < 60) setTimeout(borrowWhenReady, 250);
})();
