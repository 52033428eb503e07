/**
 * The data being read: one chip per step above the columns naming what that step reads (a
 * character, a symbol, a value), and one under the outputs naming its target. The chip of the
 * current step is marked as the cursor moves; a chip is a button that moves the cursor there.
 */
import type { MessageKey } from '../../content/i18n';
import { useT } from '../../state/context';
import type { StepToken } from '../../state/model';
import { fmt } from '../ui/scales';
import { CHIP_H, type TimelineLayout } from './timelineLayout';

type Tr = ReturnType<typeof useT>;

/** A character as it should read on a chip (spaces and line breaks made visible). */
function shownChar(c: string): string {
  if (c === ' ') return '␣';
  if (c === '\n') return '↵';
  if (c === '\t') return '⇥';
  return c;
}

/** The copy task's symbols 1 … K as letters A, B, C … */
function symbolName(k: number): string {
  return String.fromCharCode(64 + k);
}

/** The few characters a chip shows. */
export function chipText(tok: StepToken): string {
  switch (tok.kind) {
    case 'char':
      return shownChar(tok.text);
    case 'symbol':
      return symbolName(tok.symbol);
    case 'blank':
      return '·';
    case 'cue':
      return '?';
    case 'values': {
      // two short numbers fit a chip side by side; more are cut short (the label has them all)
      const shown = tok.values.slice(0, 2).map((v) => fmt(v, 2));
      return tok.values.length <= 2 && shown.join(' ').length <= 7 ? shown.join(' ') : `${shown[0]}…`;
    }
  }
}

/** The words a chip stands for (its accessible name and tooltip), with every number in full. */
export function chipLabel(tok: StepToken, t: number, input: boolean, tr: Tr): string {
  const all = (vs: number[]) => vs.map((v) => fmt(v, 4)).join(', ');
  const char = (c: string) => (c === ' ' ? tr('chips.space') : c === '\n' ? tr('chips.newline') : c);
  const key = (k: string) => `chips.${input ? 'reads' : 'target'}${k}` as MessageKey;
  switch (tok.kind) {
    case 'char':
      return tr(key('Char'), { t, text: char(tok.text) });
    case 'symbol':
      return tr(key('Symbol'), { t, text: symbolName(tok.symbol) });
    case 'blank':
      return tr(key('Blank'), { t });
    case 'cue':
      return tr('chips.readsCue', { t });
    case 'values':
      if (input && tok.cue) return tr('chips.readsLast', { t, text: all(tok.values) });
      if (input && tok.marked) return tr('chips.readsMarked', { t, text: all(tok.values) });
      return tr(key('Values'), { t, text: all(tok.values) });
  }
}

/** Whether text holds word as a word of its own (not as the start of a longer number). */
function hasWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s'(])${escaped}($|[\\s',.:)])`, 'u').test(text);
}

interface Props {
  layout: TimelineLayout;
  tokens: StepToken[];
  /** inputs above the columns, or targets under the outputs */
  input: boolean;
  current: number;
  /** whether step t has been read yet (a chip of a step not reached is dimmed) */
  reached: (t: number) => boolean;
  onPick: (t: number) => void;
}

export function StepChips({ layout, tokens, input, current, reached, onPick }: Props) {
  const tr = useT();
  const top = input ? layout.inputChips : layout.targetChips;
  if (top === null) return null;
  const width = Math.max(layout.cell, Math.min(layout.colWidth - 4, 44));
  return (
    <div className={`step-chips ${input ? 'inputs' : 'targets'}`} role="group" aria-label={tr(input ? 'chips.inputs' : 'chips.targets')} style={{ top, height: CHIP_H }}>
      {tokens.map((tok, t) => {
        const words = chipLabel(tok, t, input, tr) + (input && !reached(t) ? tr('chips.notRead') : '');
        const shown = chipText(tok);
        // the name starts with what the chip shows when the words do not contain it (a rounded number),
        // so that a user of voice control can say what they see; a symbol such as ␣ is not said
        const label = hasWord(words, shown) || !/[\p{L}\p{N}]/u.test(shown) ? words : `${shown}: ${words}`;
        const marked = tok.kind === 'values' && (tok.marked || tok.cue);
        return (
          <button
            key={t}
            type="button"
            className={`chip-step ${tok.kind}${marked ? ' marked' : ''}${reached(t) ? '' : ' ahead'}`}
            style={{ left: layout.colX(t) + layout.cell / 2 - width / 2, width, height: CHIP_H }}
            aria-current={t === current ? 'step' : undefined}
            aria-label={label}
            title={label}
            onClick={() => onPick(t)}
          >
            {shown}
          </button>
        );
      })}
    </div>
  );
}
