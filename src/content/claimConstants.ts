/**
 * Numbers the claims' texts quote and their measures use, kept apart from the measures so that the
 * lesson (in the page) reads them without loading the training code the measures run.
 */

/** A unit whose tanh′ is below this at a step counts as saturated (it passes almost nothing back). */
export const SATURATED_BELOW = 0.1;

/** How many fresh sequences the long-memory claim is tested on (engine/evaluate.ts runs as many; a test checks). */
export const EVAL_SEQUENCES = 64;
