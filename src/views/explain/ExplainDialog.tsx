/**
 * "How this number is made": a real modal dialog (focus moves in, Tab stays in, Escape closes and
 * focus goes back to the number). Each level shows one number's equation, the equation with the
 * numbers put in, and its terms; a term that is itself made of terms opens a level down, and the
 * path of levels leads back up. Every number here comes from the worker's explanation.
 */
import { useEffect, useRef } from 'react';
import { FORMS, operandTex, quantityTex } from '../../content/explainForms';
import { useActions, useApp, useT } from '../../state/context';
import type { Addend, CellType, Explanation, Operand } from '../../state/model';
import { Tex } from '../equations/Tex';
import { Num } from '../ui/Num';
import { fmt, fmtFull } from '../ui/scales';
import { numTex, texPlain } from './texText';
import './explainDialog.css';

export function ExplainDialog() {
  const t = useT();
  const a = useActions();
  const explain = useApp((s) => s.explain);
  const snapshot = useApp((s) => s.snapshot);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = explain !== null && snapshot !== null && explain.version === snapshot.version;
  const stale = explain !== null && !open;
  const shown = explain?.trail[explain.trail.length - 1] ?? null;

  useEffect(() => {
    if (stale) a.closeExplain();
  }, [stale, a]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  // a new level: its heading takes the focus, so a screen reader reads what opened
  useEffect(() => {
    if (open && shown) heading.current?.focus();
  }, [open, shown]);

  const onClose = () => {
    a.closeExplain();
    const back = opener.current;
    if (back?.isConnected) back.focus();
  };
  // Escape closes, and Tab wraps around inside the dialog (a modal dialog alone would let it leave for the browser's own controls)
  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dialog.current?.close();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, [tabindex="0"]')].filter((el) => el.offsetParent !== null);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !dialog.current.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !dialog.current.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };
  if (!snapshot) return null;
  const cell = snapshot.model.cell;
  const many = snapshot.model.numLayers * snapshot.model.directions > 1;
  const trail = explain?.trail ?? [];
  return (
    <dialog ref={dialog} className="explain" aria-labelledby="explain-title" onClose={onClose} onKeyDown={onKeyDown} data-testid="explain-dialog">
      <div className="explain-top">
        <h2 id="explain-title">{t('explain.title')}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('explain.close')}
        </button>
      </div>
      {trail.length > 1 ? (
        <nav aria-label={t('explain.path')} className="explain-path">
          <ol>
            {trail.map((e, i) => {
              const text = `${i + 1}. ${texPlain(quantityTex(e.ref, cell, many))}`;
              return (
                <li key={i}>
                  {i < trail.length - 1 ? (
                    <button type="button" onClick={() => a.explainBack(i)}>
                      {text}
                    </button>
                  ) : (
                    <span aria-current="step">{text}</span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      ) : null}
      <p className="explain-status" aria-live="polite">
        {explain?.pending ? t('explain.loading') : explain?.error ? t('explain.failed', { message: explain.error }) : ''}
      </p>
      {shown ? <Level e={shown} cell={cell} many={many} headingRef={heading} /> : null}
      {trail.length > 1 ? (
        <button type="button" className="explain-up" onClick={() => a.explainBack(trail.length - 2)}>
          {t('explain.back')}
        </button>
      ) : null}
      <p className="sub">{t('explain.legend')}</p>
    </dialog>
  );
}

function Level({ e, cell, many, headingRef }: { e: Explanation; cell: CellType; many: boolean; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const t = useT();
  const a = useActions();
  const lang = useApp((s) => s.lang);
  const form = FORMS[e.form];
  const name = quantityTex(e.ref, cell, many);
  const copy = () => {
    const exact = fmtFull(e.value);
    navigator.clipboard?.writeText(exact).then(
      () => a.notify('info', 'notice.copied', { value: exact }),
      () => a.notify('warning', 'notice.notCopied', { value: exact }),
    );
  };
  const diff = e.value === e.composed ? 0 : Math.abs(e.composed - e.value) / Math.max(Math.abs(e.value), Math.abs(e.composed));
  return (
    <section className="explain-level" data-testid="explain-level" data-form={e.form}>
      <h3 ref={headingRef} tabIndex={-1} aria-label={`${texPlain(name)} = ${fmt(e.value)}`}>
        <Tex tex={name} /> = <Num value={e.value} testId="explain-value" />
      </h3>
      <button type="button" onClick={copy}>
        {t('explain.copy')}
      </button>
      <p className="explain-form">
        <Tex tex={form.tex} />
      </p>
      <p>{form[lang]}</p>
      {form.plugged ? (
        <p className="explain-plugged" data-testid="explain-plugged">
          <span className="sub">{t('explain.withNumbers')}: </span>
          <Tex tex={`${name} = ${form.plugged(e.operands.map((o) => numTex(o.value)))}${e.addends.length ? '' : ` = ${numTex(e.composed, false)}`}`} />
        </p>
      ) : null}
      {e.note ? <p className="explain-note">{t(e.note === 'cut' ? 'explain.note.cut' : 'explain.note.last')}</p> : null}
      {e.operands.length ? (
        <>
          <h4>{t('explain.terms')}</h4>
          <ul className="explain-terms">
            {e.operands.map((op, i) => (
              <li key={i}>
                <Term op={op} cell={cell} /> = <Num value={op.value} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {e.addends.length ? <Addends e={e} cell={cell} /> : null}
      <p className="sub" data-testid="explain-check">
        {t('explain.check', { composed: fmtFull(e.composed), value: fmtFull(e.value), diff: diff === 0 ? '0' : fmt(diff, 2) })}
      </p>
    </section>
  );
}

const LEAF_KIND: Partial<Record<Operand['sym'], 'explain.leaf.data' | 'explain.leaf.weight' | 'explain.leaf.initial' | 'explain.leaf.target'>> = {
  x: 'explain.leaf.data',
  wIh: 'explain.leaf.weight',
  wHh: 'explain.leaf.weight',
  bIh: 'explain.leaf.weight',
  bHh: 'explain.leaf.weight',
  headW: 'explain.leaf.weight',
  headB: 'explain.leaf.weight',
  wIhAbove: 'explain.leaf.weight',
  h0: 'explain.leaf.initial',
  c0: 'explain.leaf.initial',
  target: 'explain.leaf.target',
};

/** A term: a button a level down when it is made of terms, else its symbol and what it is. */
function Term({ op, cell }: { op: Operand; cell: CellType }) {
  const t = useT();
  const a = useActions();
  const tex = operandTex(op, cell);
  const ref = op.ref;
  if (ref) {
    return (
      <span className="explain-term">
        <Tex tex={tex} />{' '}
        <button type="button" className="explain-open" aria-label={t('explain.open', { name: texPlain(tex) })} onClick={() => void a.explainTerm(ref)}>
          {t('explain.openShort')}
        </button>
      </span>
    );
  }
  return (
    <span className="explain-leaf" title={t('explain.leaf', { name: texPlain(tex), what: t(LEAF_KIND[op.sym] ?? 'explain.leaf.given') })}>
      <Tex tex={tex} />
    </span>
  );
}

function addendTex(x: Addend, cell: CellType, values: boolean): string {
  const show = (o: Operand) => (values ? numTex(o.value) : operandTex(o, cell));
  const [p, q] = x.parts;
  if (x.op === 'squaredError') return `(${show(p)} - ${show(q)})^2`;
  if (x.op === 'expShifted') return `e^{${show(p)} - m}`;
  if (x.op === 'square') return `${show(p)}^2`;
  return x.parts.map(show).join(' \\cdot ');
}

/** The addends of a sum, one row each (with its step for a sum over time), and their total. */
function Addends({ e, cell }: { e: Explanation; cell: CellType }) {
  const t = useT();
  const overTime = e.addends.some((x) => x.t !== undefined);
  return (
    <table className="explain-addends" data-testid="explain-addends">
      <caption>{t('explain.addends', { n: e.addends.length })}</caption>
      <thead>
        <tr>
          {overTime ? <th scope="col">{t('explain.stepCol')}</th> : null}
          <th scope="col">{t('explain.termCol')}</th>
          <th scope="col">{t('explain.valueCol')}</th>
        </tr>
      </thead>
      <tbody>
        {e.addends.map((x, i) => (
          <tr key={i}>
            {overTime ? <td>{x.t}</td> : null}
            <td>
              {x.parts.map((p, k) => (
                <span key={k}>
                  {k > 0 ? ' · ' : ''}
                  <Term op={p} cell={cell} />
                </span>
              ))}
              <span className="explain-numbers">
                {' '}
                <Tex tex={`= ${addendTex(x, cell, true)}`} />
              </span>
            </td>
            <td>
              <Num value={x.value} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={overTime ? 2 : 1}>
            {t('explain.sum', { n: e.addends.length })}
          </th>
          <td>
            <Num value={e.total} testId="explain-sum" />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
