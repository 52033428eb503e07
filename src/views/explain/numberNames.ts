/**
 * The accessible name and tooltip of a number in the equations or the cell diagram that opens
 * "How this number is made": which quantity it is (as the dialog writes it), where, and its value;
 * for a piece of a quantity, which quantity it is a term of.
 */
import { useCallback } from 'react';
import { quantityTex } from '../../content/explainForms';
import { useApp, useT } from '../../state/context';
import type { NumberTarget } from '../../state/numberRef';
import { texPlain } from './texText';

export interface NumberNames {
  label: string;
  title: string;
}

export function useNumberNames(): (target: NumberTarget, shown: string, exact: string) => NumberNames {
  const tr = useT();
  const model = useApp((s) => s.snapshot?.model);
  const cell = model?.cell ?? 'rnn';
  const many = model ? model.numLayers * model.directions > 1 : false;
  return useCallback(
    ({ ref, own }: NumberTarget, shown: string, exact: string) => {
      const name = texPlain(quantityTex(ref, cell, many));
      const t = 't' in ref && ref.t !== undefined ? ref.t : 0;
      const at = 'unit' in ref && ref.kind !== 'y' ? tr('explainNum.at', { t, unit: ref.unit }) : tr('explainNum.atStep', { t });
      return own
        ? { label: tr('explainNum.own', { name, at, shown, exact }), title: tr('explainNum.ownTitle', { exact }) }
        : { label: tr('explainNum.part', { name, at, shown, exact }), title: tr('explainNum.partTitle', { name, exact }) };
    },
    [tr, cell, many],
  );
}
