/**
 * The styles of the deferred dialog and card (views/deferred/panels.tsx), imported by App.tsx where
 * the parts themselves used to be imported: the page has one stylesheet, and this keeps its cascade
 * order as it was before these parts were split off.
 */
import '../explain/explainDialog.css';
import '../predict/predict.css';
