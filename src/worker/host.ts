/**
 * The engine side of the worker, free of any Worker API so it runs (and is tested) in Node:
 * it owns the current weights, data, stepping session and training run, and answers one
 * request at a time. Training runs in slices between messages (trainingLoop.ts), so a pause or a
 * ping is answered within one slice.
 */
import { recurrentSpectrum } from '../engine/analysis';
import { MECHANISM_WORK, mechanismBuffers, type NormSeries, stepMechanism } from '../engine/jacobian';
import { exactRelativeError } from '../engine/spectralNorm';
import { storedPassOf } from '../engine/storedPass';
import { displayArrays } from '../engine/display';
import { evaluateOnFresh } from '../engine/evaluate';
import { InputError } from '../engine/errors';
import { gradientCheck } from '../engine/gradcheck';
import { initParams, shapeOfChoice } from '../engine/init';
import { checkLimits, UI_LIMITS } from '../engine/limits';
import { cloneParams, fields, type Params, recurrenceParams, sameShape } from '../engine/params';
import { checkTruncation } from '../engine/network';
import { writeRequest } from '../engine/request';
import { createRng } from '../engine/rng';
import { sampleText } from '../engine/sample';
import type { Sequence } from '../engine/sequence';
import { StepSession } from '../engine/session';
import { type KeyPrefixes, writeStateDict } from '../engine/stateDict';
import { dataSeed, taskData, type TaskData, type TaskOptions } from '../engine/tasks';
import { traceOf } from '../engine/trace';
import { jsonText } from '../engine/jsonText';
import { clipGradNorm } from '../engine/train';
import type {
  AnalysisReply,
  CompareCell,
  DataSpec,
  EngineReply,
  EngineRequest,
  GradCheckReply,
  ModelInfo,
  ModelSpec,
  ParamArrays,
  SessionSnapshot,
  TrainProgress,
  TrainSettings,
} from './protocol';
import type { TrainingRun } from '../engine/trainingRun';
import type { Slices } from '../engine/slices';
import { type Emit, INLINE_PASS_WORK, passWork, SLICE_MS, TrainingLoop } from './trainingLoop';
import { checkDataSpec, checkModelSpec, checkSettings } from './hostChecks';
import { buffersOf, fromArrays, partsOf } from './snapshotArrays';
import { type SnapshotMeta, snapshotOf, snapshotSlices } from './snapshotOf';
import { readImport } from './weightsImport';
import { explainInSession } from './explainRequest';

export interface HostReply {
  reply: EngineReply;
  transfer: Transferable[];
}

export type { Emit } from './trainingLoop';

/** Requests after which a snapshot computed for the weights and session before them is stale. */
const CHANGES_SESSION = new Set<EngineRequest['type']>(['open', 'train', 'restoreHistory', 'restoreFinite', 'importWeights']);


export class EngineHost {
  private params: Params | null = null;
  private origin: ModelInfo['origin'] = 'init';
  private session: StepSession | null = null;
  private sequenceKind: SessionSnapshot['sequence'] = 'example';
  private data: TaskData | null = null;
  private taskOptions: TaskOptions | null = null;
  private model: ModelSpec | null = null;
  private version = 0;
  private readonly loop: TrainingLoop;
  private readonly emit: Emit;
  private readonly schedule: (f: () => void) => void;
  private readonly now: () => number;

  constructor(
    emit: Emit = () => undefined,
    now: () => number = () => performance.now(),
    schedule: (f: () => void) => void = (f) => setTimeout(f, 0),
    later: (f: () => void, ms: number) => void = (f, ms) => setTimeout(f, ms),
  ) {
    this.emit = emit;
    this.schedule = schedule;
    this.now = now;
    this.loop = new TrainingLoop({
      emit,
      now,
      schedule,
      later,
      exampleSession: () => this.sessionSlices(this.data!.example, 'example'),
      nextSession: (seq) => this.openOn(seq, 'next'),
      trained: () => {
        this.origin = 'trained';
      },
    });
  }

  /** The page has shown the training loop's last snapshot. */
  snapshotShown(): void {
    this.loop.shown();
  }

  handle(req: EngineRequest): HostReply {
    // A change of weights or session makes the paused loop's coming snapshot stale: it is dropped.
    if (this.pauseJob && CHANGES_SESSION.has(req.type)) this.pauseJob = null;
    try {
      switch (req.type) {
        case 'open':
          return this.open(req.id, req.model, req.data, req.weights, req.origin, req.iteration);
        case 'grads':
          return this.grads(req.id, req.t, req.layer ?? 0, req.direction ?? 0);
        case 'analysis':
          return this.analysis(req.id, req.layer ?? 0);
        case 'compare':
          return this.compare(req.id, req.model, req.data);
        case 'gradcheck':
          return this.gradcheck(req.id);
        case 'exportTrace': {
          const s = this.requireSession();
          const trace = traceOf({ loss: s.loss, grads: s.grads, net: s.net });
          trace.request = writeRequest(s.params, s.seq);
          return { reply: { type: 'exportTrace', id: req.id, json: jsonText(trace) }, transfer: [] };
        }
        case 'train':
          return this.train(req.id, req.settings, req.mode, req.stopAt);
        case 'pauseTraining':
          return this.pause(req.id);
        case 'restoreHistory': {
          this.loop.stop();
          const run = this.requireRun();
          if (!run.restore(req.index)) throw new InputError(`there is no snapshot number ${req.index}`);
          this.origin = run.iteration > 0 ? 'trained' : this.origin;
          const snapshot = this.openOn(run.nextBatch[0], 'next');
          const progress = this.loop.rewoundProgress();
          return this.withSnapshot({ type: 'restoreHistory', id: req.id, snapshot, progress }, snapshot, progress);
        }
        case 'restoreFinite': {
          this.loop.stop();
          const run = this.requireRun();
          run.restoreLastGood();
          const snapshot = this.openOn(run.nextBatch[0], 'next');
          const progress = this.loop.rewoundProgress();
          return this.withSnapshot({ type: 'restoreFinite', id: req.id, snapshot, progress }, snapshot, progress);
        }
        case 'importWeights':
          return this.importWeights(req.id, req.json);
        case 'evaluate': {
          const count = Math.max(1, Math.min(1024, Math.floor(req.count)));
          const evaluation = evaluateOnFresh(this.requireParams(), this.data!, this.taskOptions!, this.model?.seed ?? 0, count);
          return { reply: { type: 'evaluate', id: req.id, evaluation }, transfer: [] };
        }
        case 'exportWeights': {
          const p = this.requireParams();
          // the imported file's module names, or those of the model docs/weights.md shows (self.lstm, self.head)
          const prefixes = this.importedPrefixes ?? { recurrent: `${p.cell}.`, head: '' };
          return { reply: { type: 'exportWeights', id: req.id, json: jsonText(writeStateDict(p, prefixes), 2) }, transfer: [] };
        }
        case 'sample': {
          const p = this.requireParams();
          const vocab = this.data?.vocab;
          if (!vocab) throw new InputError('sampling needs the text task');
          const length = Math.max(1, Math.min(2000, Math.floor(req.length)));
          const text = sampleText(p, vocab, req.start, length, req.temperature, createRng((this.model?.seed ?? 0) + 7 + (this.loop.run?.iteration ?? 0)));
          return { reply: { type: 'sample', id: req.id, text }, transfer: [] };
        }
        case 'explain':
          return { reply: { type: 'explain', id: req.id, explanation: explainInSession(this.requireSession(), req.ref) }, transfer: [] };
        default: {
          const never: never = req;
          throw new Error(`unknown request ${(never as { type: string }).type}`);
        }
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { reply: { type: 'error', id: req.id, message, key: e instanceof InputError ? e.key : undefined }, transfer: [] };
    }
  }

  // ---- sessions -------------------------------------------------------------------------

  private open(id: number, model: ModelSpec, spec: DataSpec, weights: ParamArrays | 'keep' | null, origin?: 'imported' | 'trained', iteration?: number): HostReply {
    const { data, options } = this.buildData(model, spec);
    const shape = shapeOfChoice(model, data.inputSize, data.outputSize);
    const over = checkLimits(shape, data.example.steps, UI_LIMITS);
    if (over) throw new InputError(over);
    checkTruncation(shape, spec.truncation);
    const keep = weights === 'keep' && this.params !== null && sameShape(this.params, shape) && this.model?.seed === model.seed;
    let params: Params;
    if (keep) params = this.params!;
    else if (weights && weights !== 'keep') {
      params = fromArrays(shape, weights);
      this.origin = origin ?? 'imported';
      this.startIteration = Number.isSafeInteger(iteration) && iteration! > 0 ? iteration! : 0;
    } else {
      params = initParams(shape, createRng(model.seed), { scheme: model.init, hhScale: model.hhScale, forgetBias: model.forgetBias, updateBias: model.updateBias });
      this.origin = 'init';
      this.importedPrefixes = null;
      this.startIteration = 0;
    }
    this.loop.stop();
    if (params !== this.params || JSON.stringify(spec) !== JSON.stringify(this.lastSpec)) this.loop.reset();
    this.params = params;
    this.model = model;
    this.lastSpec = spec;
    this.data = data;
    this.taskOptions = options;
    const snapshot = this.openOn(data.example, 'example');
    return { reply: { type: 'open', id, snapshot }, transfer: buffersOf(snapshot) };
  }

  private lastSpec: DataSpec | null = null;
  /** the module prefixes of the imported file's keys, written back on export (null: weights not imported) */
  private importedPrefixes: KeyPrefixes | null = null;
  /** the iterations the current weights had when they were given (a restarted worker resumes the count) */
  private startIteration = 0;

  private buildData(model: ModelSpec, spec: DataSpec): { data: TaskData; options: TaskOptions } {
    checkModelSpec(model);
    checkDataSpec(spec);
    const options: TaskOptions = { steps: spec.steps, truncation: spec.truncation, text: spec.text, series: spec.series, symbols: spec.symbols, lossSteps: spec.lossSteps, inputScale: spec.inputScale };
    const data = taskData(spec.task, createRng(dataSeed(model.seed)), options);
    if (data.example.steps < 1) throw new InputError('the sequence needs at least one step', 'steps');
    return { data, options };
  }

  /** A stepping session of the current weights on a sequence, as a snapshot for the UI. */
  private openOn(seq: Sequence, kind: SessionSnapshot['sequence']): SessionSnapshot {
    this.session = new StepSession(this.requireParams(), seq);
    this.sequenceKind = kind;
    return this.snapshot();
  }

  /** openOn in pieces (engine/slices.ts), for the training loop. */
  private *sessionSlices(seq: Sequence, kind: SessionSnapshot['sequence']): Slices<SessionSnapshot> {
    const session = yield* StepSession.build(this.requireParams(), seq);
    const snapshot = yield* snapshotSlices(session, this.snapshotMeta(kind));
    // Only now does it become the session requests read: until the snapshot is sent, the page shows the last one.
    this.session = session;
    this.sequenceKind = kind;
    return snapshot;
  }

  private withSnapshot(reply: EngineReply, snapshot: SessionSnapshot | null, progress: TrainProgress | null): HostReply {
    const transfer: Transferable[] = snapshot ? buffersOf(snapshot) : [];
    if (progress) transfer.push(progress.losses.buffer as ArrayBuffer);
    return { reply, transfer };
  }

  private importWeights(id: number, json: string): HostReply {
    if (!this.data) throw new InputError('open a session first');
    const { params, prefixes, session } = readImport(json, this.data);
    this.loop.reset();
    this.params = params;
    this.importedPrefixes = prefixes;
    this.origin = 'imported';
    this.startIteration = 0;
    if (this.model) this.model = { ...this.model, cell: params.cell, hidden: params.hiddenSize, layers: params.numLayers, bidirectional: params.directions === 2 };
    this.session = session;
    this.sequenceKind = 'example';
    const snapshot = this.snapshot();
    return this.withSnapshot({ type: 'importWeights', id, snapshot }, snapshot, null);
  }

  // ---- training -------------------------------------------------------------------------

  private train(id: number, settings: TrainSettings, mode: 'one' | 'start', stopAt?: number): HostReply {
    checkSettings(settings);
    const run = this.loop.ensureRun(this.requireParams(), settings, this.data!, this.taskOptions!, this.model?.seed ?? 0, this.startIteration);
    // An iteration budget (a lesson's "train 200 iterations"): the loop stops by itself there.
    this.loop.stopAt = stopAt !== undefined && Number.isInteger(stopAt) && stopAt > run.iteration ? stopAt : null;
    if (mode === 'one') {
      const report = this.loop.stepOnce();
      if (report.finite) this.origin = 'trained';
      const progress = this.loop.progress();
      const snapshot = report.finite ? this.openOn(run.nextBatch[0], 'next') : null;
      return this.withSnapshot({ type: 'train', id, progress, snapshot }, snapshot, progress);
    }
    this.loop.start();
    const progress = this.loop.progress();
    return this.withSnapshot({ type: 'train', id, progress, snapshot: null }, null, progress);
  }

  /**
   * Stops the loop and answers at once. The views then show the next iteration's sequence: when
   * its pass is quick it comes with the answer; at large sizes it follows as an event, computed in
   * pieces between messages (a request that changes the weights or the session drops it), so
   * neither this answer nor the next waits for a whole forward and backward pass.
   */
  private pause(id: number): HostReply {
    const wasRunning = this.loop.running;
    this.loop.stop();
    const run = this.loop.run;
    const progress = run ? this.loop.progress() : null;
    if (!run || !wasRunning || passWork(run.params, run.nextBatch[0].steps) <= INLINE_PASS_WORK) {
      const snapshot = run && wasRunning ? this.openOn(run.nextBatch[0], 'next') : null;
      return this.withSnapshot({ type: 'pauseTraining', id, progress, snapshot }, snapshot, progress);
    }
    this.pauseJob = this.sessionSlices(run.nextBatch[0], 'next');
    this.schedule(() => this.pauseSlice());
    return this.withSnapshot({ type: 'pauseTraining', id, progress, snapshot: null }, null, progress);
  }

  /** The next sequence's snapshot after a pause, computed in pieces between messages. */
  private pauseJob: Slices<SessionSnapshot> | null = null;

  private pauseSlice(): void {
    const job = this.pauseJob;
    if (!job) return;
    const start = this.now();
    while (this.now() - start < SLICE_MS) {
      const piece = job.next();
      if (!piece.done) continue;
      this.pauseJob = null;
      const snapshot = piece.value;
      const progress = this.loop.progress();
      this.emit({ type: 'event', id: 0, event: { kind: 'progress', progress, snapshot } }, [progress.losses.buffer as ArrayBuffer, ...buffersOf(snapshot)]);
      return;
    }
    this.schedule(() => this.pauseSlice());
  }

  // ---- analysis -------------------------------------------------------------------------

  /** The mechanism of one layer's forward direction (for one layer in one direction: the whole network). */
  private analysis(id: number, layer: number): HostReply {
    const s = this.requireSession();
    const L = s.params.numLayers;
    if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new RangeError(`layer ${layer} is outside 0 … ${L - 1}`);
    const params = recurrenceParams(s.params, layer, 0);
    const ws = s.net.layers[layer * s.params.directions];
    const spectrum = recurrentSpectrum(params).map((b) => ({
      gate: b.gate,
      radius: b.radius,
      norm: b.norm,
      re: Float64Array.from(b.eigenvalues, (e) => e.re),
      im: Float64Array.from(b.eigenvalues, (e) => e.im),
    }));
    // The gains of the blocks are the spectrum's norms and radii: no second set of eigenvalue solves.
    const gains = spectrum.map((b) => ({ gate: b.gate, norm: b.norm, normRelError: exactRelativeError(params.hiddenSize), radius: b.radius }));
    const mechanism = stepMechanism(storedPassOf(params, ws), MECHANISM_WORK, gains);
    const [gradNorm] = clipGradNorm(cloneParams(s.grads), 0);
    const analysis: AnalysisReply = { layer, spectrum, mechanism, gradNorm };
    const transfer = [...spectrum.flatMap((b) => [b.re.buffer, b.im.buffer]), ...mechanismBuffers(mechanism)] as ArrayBuffer[];
    return { reply: { type: 'analysis', id, analysis }, transfer };
  }

  /** The three cells on the same data, seed and sizes: how fast each forgets. */
  private compare(id: number, model: ModelSpec, spec: DataSpec): HostReply {
    const cells: CompareCell[] = [];
    const { data } = this.buildData(model, spec);
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const shape = shapeOfChoice({ ...model, cell }, data.inputSize, data.outputSize);
      const over = checkLimits(shape, data.example.steps, UI_LIMITS);
      if (over) throw new InputError(over);
      const params = initParams(shape, createRng(model.seed), { scheme: model.init, hhScale: model.hhScale, forgetBias: model.forgetBias, updateBias: model.updateBias });
      const session = new StepSession(params, data.example);
      // layer 0, forward: the recurrence the gradient reaches last, through every layer above it
      const m = stepMechanism(storedPassOf(recurrenceParams(params, 0, 0), session.ws), MECHANISM_WORK / 3);
      const radius = Math.max(...m.gain.map((g) => g.radius));
      const gated = m.cellPath ? { full: m.cellPath.full, shortcut: m.cellPath.highway.norm } : m.zPath ? { full: null, shortcut: m.zPath.norm } : null;
      cells.push({ cell, hPath: m.hPath.spectral, hPathFrobenius: m.hPath.frobenius, gated, dhNorm: displayArrays(session.ws, session.seq.truncation).dhNorm, radius, loss: session.loss });
    }
    const series = (n: NormSeries) => [n.value.buffer, n.log10.buffer, n.relError.buffer];
    const transfer = cells.flatMap((c) => [...series(c.hPath), c.hPathFrobenius.buffer, ...(c.gated ? [...(c.gated.full ? series(c.gated.full) : []), c.gated.shortcut.buffer] : []), c.dhNorm.buffer]) as ArrayBuffer[];
    return { reply: { type: 'compare', id, cells }, transfer };
  }

  private gradcheck(id: number): HostReply {
    const s = this.requireSession();
    const r = gradientCheck(s.params, s.seq, { maxParams: 400, rng: createRng(12345) });
    const worst = r.worst ? { key: r.worst.key, index: r.worst.index, analytic: r.worst.analytic, numeric: r.worst.numeric } : null;
    const result: GradCheckReply = { worstRelError: r.worstRelError, worstAbsError: r.worstAbsError, worst, checked: r.checked, total: r.total, step: r.step };
    return { reply: { type: 'gradcheck', id, result }, transfer: [] };
  }

  private grads(id: number, t: number, layer: number, direction: number): HostReply {
    const s = this.requireSession();
    // the session checks t, layer and direction (a RangeError names what is outside)
    const accumulated = s.accumulatedGrads(t, undefined, layer, direction);
    const contribution = s.stepContribution(t, undefined, layer, direction);
    const transfer = [...fields(accumulated), ...fields(contribution)].map((a) => a.buffer as ArrayBuffer);
    return { reply: { type: 'grads', id, grads: { t, layer, direction, accumulated: partsOf(accumulated), contribution: partsOf(contribution) } }, transfer };
  }

  // ---- helpers --------------------------------------------------------------------------

  private requireSession(): StepSession {
    if (!this.session) throw new Error('no session is open yet');
    return this.session;
  }

  private requireParams(): Params {
    if (!this.params) throw new Error('no model is loaded yet');
    return this.params;
  }

  private requireRun(): TrainingRun {
    if (!this.loop.run) throw new InputError('nothing has been trained yet');
    return this.loop.run;
  }

  private snapshot(): SessionSnapshot {
    return snapshotOf(this.requireSession(), this.snapshotMeta(this.sequenceKind));
  }

  private snapshotMeta(sequence: SessionSnapshot['sequence']): SnapshotMeta {
    return { version: ++this.version, origin: this.origin, data: this.data, sequence, iteration: this.loop.run?.iteration ?? this.startIteration };
  }
}
