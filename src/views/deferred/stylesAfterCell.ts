/**
 * The styles of the deferred panels (views/deferred/panels.tsx), imported by App.tsx where the
 * panels themselves used to be imported: the page has one stylesheet, and this keeps its cascade
 * order as it was before these panels were split off (and their styles apply from the first paint).
 */
import '../gradients/depthHeatmap.css';
import '../gradients/gradientPanel.css';
import '../gradients/gradientCharts.css';
import '../gradients/weightGrads.css';
import '../gradients/spectrumCard.css';
import '../gradients/gradientControls.css';
import '../gradients/gradientPanelMedia.css';
import '../gradients/mechanism.css';
import '../training/trainingPanel.css';
import '../training/trainingCurve.css';
import '../training/taskOutput.css';
import '../training/dataInOut.css';
import '../training/trainingPanelMedia.css';
import '../lesson/lesson.css';
