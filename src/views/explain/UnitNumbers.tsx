/**
 * One unit's numbers at the cursor's step, each one a number that opens "How this number is made":
 * going forward the gates, c_t and h_t; going back dL/dh_t, dL/dc_t, the gate gradients and what
 * the step sends back.
 */
import type { StepReader } from '../../state/moment';
import type { Phase, QuantityRef } from '../../state/model';
import { useT } from '../../state/context';
import { Num } from '../ui/Num';
import './explainDialog.css';

interface Item {
  label: string;
  value: number | null;
  of: QuantityRef;
  testId: string;
}

export function UnitNumbers({ reader, unit, phase }: { reader: StepReader; unit: number; phase: Phase }) {
  const tr = useT();
  const { cell, t, layer, direction } = reader;
  const w = { layer, direction, t, unit };
  const gates = cell === 'rnn' ? [] : cell === 'lstm' ? ['i', 'f', 'g', 'o'] : ['r', 'z', 'n'];
  const items: Item[] = [];
  if (phase === 'forward') {
    gates.forEach((g, k) => items.push({ label: g, value: reader.value(`act.${g}`, unit), of: { kind: 'gate', ...w, gate: k }, testId: `unit-gate-${g}` }));
    if (cell === 'lstm') items.push({ label: 'c', value: reader.value('c', unit), of: { kind: 'c', ...w }, testId: 'unit-c' });
    items.push({ label: 'h', value: reader.value('h', unit), of: { kind: 'h', ...w }, testId: 'unit-h' });
  } else {
    items.push({ label: '∂L/∂h', value: reader.value('dh', unit), of: { kind: 'dh', ...w }, testId: 'unit-dh' });
    if (cell === 'lstm') items.push({ label: '∂L/∂c', value: reader.value('dc', unit), of: { kind: 'dc', ...w }, testId: 'unit-dc' });
    (cell === 'rnn' ? ['a'] : gates).forEach((g, k) =>
      items.push({ label: `∂L/∂a_${g}`, value: reader.value(`dgi.${g}`, unit), of: { kind: 'dgi', ...w, gate: k }, testId: `unit-dgate-${g}` }),
    );
    items.push({ label: tr('unitNumbers.sent'), value: reader.value('dhPrev', unit), of: { kind: 'dhSent', ...w }, testId: 'unit-sent' });
  }
  return (
    <div className="unit-numbers" data-testid="unit-numbers">
      <span className="sub">{tr('unitNumbers.title', { unit, t })}</span>
      <ul>
        {items.map((it) =>
          it.value === null ? null : (
            <li key={it.testId}>
              <span className="un-label">{it.label}</span> <Num value={it.value} of={it.of} testId={it.testId} />
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
