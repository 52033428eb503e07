/**
 * What makes an element in the equations or the cell diagram a control that opens "How this
 * number is made": focusable by Tab, a button to assistive technology, and opened by a click,
 * Enter or Space. The dialog gives the focus back to it when it closes (ExplainDialog).
 */
import type { KeyboardEvent } from 'react';
import { useActions } from '../../state/context';
import type { QuantityRef } from '../../state/model';

export interface OpenerProps {
  role: 'button';
  tabIndex: 0;
  'aria-haspopup': 'dialog';
  onClick: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
}

export function useExplainOpener(): (ref: QuantityRef) => OpenerProps {
  const actions = useActions();
  return (ref) => {
    const open = () => void actions.explainNumber(ref);
    return {
      role: 'button',
      tabIndex: 0,
      'aria-haspopup': 'dialog',
      onClick: open,
      onKeyDown: (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        // Space would scroll the page; Enter must not also reach a form or the app's shortcuts
        e.preventDefault();
        e.stopPropagation();
        open();
      },
    };
  };
}
