/**
 * The engine side of the worker, free of any Worker API so it runs (and is tested) in Node:
 * it owns the current weights, data, stepping session and training run, and answers one
 * request at a time. Training runs in slices of ~15 ms between messages, so a pause or a
 * step request is answered within one slice.
 */
import { recurrentSpectrum } from '../engine/analysis';
import { MECHANISM_WORK, mechanismBuffers, type NormSeries, stepMechanism } from '../engine/jacobian';
import { exactRelativeError } from '../engine/spectralNorm';
import { storedPassOf } from '../engine/storedPass';
import { displayArrays, networkDisplayArrays, networkInputGrads } from '../engine/display';
import { evaluateOnFresh } from '../engine/evaluate';
import { InputError } from '../engine/errors';
import { largestWeight, overflowError, runOverflow } from '../engine/overflow';
import { gradientCheck } from '../engine/gradcheck';
import { INIT_LIMITS, INIT_SCHEMES, initParams, shapeOfChoice } from '../engine/init';
import { LOSS_STEPS } from '../engine/loss';
import { checkLimits, UI_LIMITS } from '../engine/limits';
import { CELL_TYPES, cloneParams, fields, GATE_COUNT, type LayerField, paramArray, paramEntries, type Params, paramSetOf, recurrenceParams, sameShape, type Shape, zerosLike } from '../engine/params';
import { checkTruncation } from '../engine/network';
import { writeRequest } from '../engine/request';
import { createRng } from '../engine/rng';
import { sampleText } from '../engine/sample';
import type { Sequence } from '../engine/sequence';
import { StepSession } from '../engine/session';
import { keyPrefixes, type KeyPrefixes, readStateDict, writeStateDict } from '../engine/stateDict';
import { dataSeed, TASK_IDS, TASK_LIMITS, taskData, type TaskData, type TaskOptions } from '../engine/tasks';
import { traceOf } from '../engine/trace';
import { sequenceTokens } from '../engine/tokens';
import { clipGradNorm, OPTIMIZERS, TRAIN_LIMITS, trainSettingsProblem } from '../engine/train';
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
  RecurrenceSnapshot,
  SessionSnapshot,
  TrainProgress,
  TrainSettings,
} from './protocol';
import { TrainingRun } from '../engine/trainingRun';

export interface HostReply {
  reply: EngineReply;
  transfer: Transferable[];
}

export type Emit = (reply: EngineReply, transfer: Transferable[]) => void;

/** How long one training slice runs before the worker looks at its messages again. */
const SLICE_MS = 15;
const PROGRESS_EVERY_MS = 100;
const SNAPSHOT_EVERY_MS = 300;

export class EngineHost {
  private params: Params | null = null;
  private origin: ModelInfo['origin'] = 'init';
  private session: StepSession | null = null;
  private sequenceKind: SessionSnapshot['sequence'] = 'example';
  private data: TaskData | null = null;
  private taskOptions: TaskOptions | null = null;
  private model: ModelSpec | null = null;
  private version = 0;
  private run: TrainingRun | null = null;
  private running = false;
  private sentLosses = 0;
  private lastProgress = 0;
  private lastSnapshot = 0;
  private rate: { t: number; it: number }[] = [];
  private readonly emit: Emit;
  private readonly now: () => number;
  private readonly schedule: (f: () => void) => void;

  constructor(emit: Emit = () => undefined, now: () => number = () => performance.now(), schedule: (f: () => void) => void = (f) => setTimeout(f, 0)) {
    this.emit = emit;
    this.now = now;
    this.schedule = schedule;
  }

  handle(req: EngineRequest): HostReply {
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
          return { reply: { type: 'exportTrace', id: req.id, json: JSON.stringify(trace) }, transfer: [] };
        }
        case 'train':
          return this.train(req.id, req.settings, req.mode, req.stopAt);
        case 'pauseTraining': {
          const wasRunning = this.running;
          this.running = false;
          const snapshot = this.run && wasRunning ? this.openOn(this.run.nextBatch[0], 'next') : null;
          const progress = this.run ? this.progress() : null;
          return this.withSnapshot({ type: 'pauseTraining', id: req.id, progress, snapshot }, snapshot, progress);
        }
        case 'restoreHistory': {
          this.running = false;
          const run = this.requireRun();
          if (!run.restore(req.index)) throw new InputError(`there is no snapshot number ${req.index}`);
          this.origin = run.iteration > 0 ? 'trained' : this.origin;
          const snapshot = this.openOn(run.nextBatch[0], 'next');
          const progress = this.rewoundProgress();
          return this.withSnapshot({ type: 'restoreHistory', id: req.id, snapshot, progress }, snapshot, progress);
        }
        case 'restoreFinite': {
          this.running = false;
          const run = this.requireRun();
          run.restoreLastGood();
          const snapshot = this.openOn(run.nextBatch[0], 'next');
          const progress = this.rewoundProgress();
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
          return { reply: { type: 'exportWeights', id: req.id, json: JSON.stringify(writeStateDict(p, prefixes)) }, transfer: [] };
        }
        case 'sample': {
          const p = this.requireParams();
          const vocab = this.data?.vocab;
          if (!vocab) throw new InputError('sampling needs the text task');
          const length = Math.max(1, Math.min(2000, Math.floor(req.length)));
          const text = sampleText(p, vocab, req.start, length, req.temperature, createRng((this.model?.seed ?? 0) + 7 + (this.run?.iteration ?? 0)));
          return { reply: { type: 'sample', id: req.id, text }, transfer: [] };
        }
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
    this.running = false;
    if (params !== this.params || JSON.stringify(spec) !== JSON.stringify(this.lastSpec)) this.run = null;
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
  /** the iteration at which a running loop stops by itself (a training budget), or null */
  private stopAt: number | null = null;

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

  private withSnapshot(reply: EngineReply, snapshot: SessionSnapshot | null, progress: TrainProgress | null): HostReply {
    const transfer: Transferable[] = snapshot ? buffersOf(snapshot) : [];
    if (progress) transfer.push(progress.losses.buffer as ArrayBuffer);
    return { reply, transfer };
  }

  private importWeights(id: number, json: string): HostReply {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (e) {
      throw new InputError(`the file is not valid JSON (${(e as Error).message})`);
    }
    // Accept a bare state_dict, {cell, state_dict}, or an exported trace with its request.
    let cell: unknown;
    if (isObject(raw) && isObject(raw.request)) raw = raw.request;
    if (isObject(raw) && isObject(raw.state_dict)) {
      cell = raw.cell;
      raw = raw.state_dict;
    }
    const params = readStateDict(raw, cell === 'rnn' || cell === 'lstm' || cell === 'gru' ? cell : undefined, UI_LIMITS);
    const prefixes = keyPrefixes(raw);
    const data = this.data;
    if (!data) throw new InputError('open a session first');
    if (params.inputSize !== data.inputSize || params.outputSize !== data.outputSize) {
      throw new InputError(
        `these weights read ${params.inputSize} input(s) and write ${params.outputSize} output(s); the current input needs ${data.inputSize} and ${data.outputSize} (weight_ih_l0 is [G·H, I], head.weight is [O, H])`,
        params.inputSize !== data.inputSize ? 'weight_ih_l0' : 'head.weight',
      );
    }
    const over = checkLimits(params, data.example.steps, UI_LIMITS);
    if (over) throw new InputError(over);
    if (params.directions === 2 && data.example.truncation > 0) {
      throw new InputError(
        `these weights are bidirectional ('weight_ih_l0_reverse'); a bidirectional network has no truncated form here: set truncation to 0 first (it is ${data.example.truncation})`,
        'weight_ih_l0_reverse',
      );
    }
    // Finite weights can still overflow (1e308 · h): refused as the trace CLI refuses them, before anything changes.
    const session = new StepSession(params, data.example);
    const overflowed = runOverflow(session);
    if (overflowed) {
      const big = largestWeight(params);
      const error = overflowError(overflowed, big.key);
      throw new InputError(`${error.message} (the largest weight is ${big.value} in ${big.key})`, big.key);
    }
    this.running = false;
    this.params = params;
    this.importedPrefixes = prefixes;
    this.origin = 'imported';
    this.startIteration = 0;
    this.run = null;
    if (this.model) this.model = { ...this.model, cell: params.cell, hidden: params.hiddenSize, layers: params.numLayers, bidirectional: params.directions === 2 };
    this.session = session;
    this.sequenceKind = 'example';
    const snapshot = this.snapshot();
    return this.withSnapshot({ type: 'importWeights', id, snapshot }, snapshot, null);
  }

  // ---- training -------------------------------------------------------------------------

  private train(id: number, settings: TrainSettings, mode: 'one' | 'start', stopAt?: number): HostReply {
    checkSettings(settings);
    const run = this.ensureRun(settings);
    // An iteration budget (a lesson's "train 200 iterations"): the loop stops by itself there.
    this.stopAt = stopAt !== undefined && Number.isInteger(stopAt) && stopAt > run.iteration ? stopAt : null;
    if (mode === 'one') {
      this.running = false;
      this.rate = []; // a single iteration has no rate
      const report = run.step();
      if (report.finite) this.origin = 'trained';
      const progress = this.progress();
      const snapshot = report.finite ? this.openOn(run.nextBatch[0], 'next') : null;
      return this.withSnapshot({ type: 'train', id, progress, snapshot }, snapshot, progress);
    }
    if (!this.running) {
      this.running = true;
      this.rate = [{ t: this.now(), it: run.iteration }];
      this.lastProgress = this.now();
      this.lastSnapshot = this.now();
      this.schedule(() => this.slice());
    }
    const progress = this.progress();
    return this.withSnapshot({ type: 'train', id, progress, snapshot: null }, null, progress);
  }

  private ensureRun(settings: TrainSettings): TrainingRun {
    const params = this.requireParams();
    if (!this.run || this.run.params !== params) {
      this.run = new TrainingRun(params, settings, this.data!, this.taskOptions!, this.model?.seed ?? 0, undefined, this.startIteration);
      this.sentLosses = 0;
    } else this.run.configure(settings);
    return this.run;
  }

  private slice(): void {
    const run = this.run;
    if (!this.running || !run) return;
    const start = this.now();
    while (this.now() - start < SLICE_MS) {
      if (this.stopAt !== null && run.iteration >= this.stopAt) {
        // The budget is reached: stop as a pause does, showing the next iteration's sequence.
        this.running = false;
        this.stopAt = null;
        const snapshot = this.openOn(run.nextBatch[0], 'next');
        const progress = this.progress();
        this.emit({ type: 'event', id: 0, event: { kind: 'progress', progress, snapshot } }, [progress.losses.buffer as ArrayBuffer, ...buffersOf(snapshot)]);
        return;
      }
      const report = run.step();
      if (!report.finite) {
        this.running = false;
        const progress = this.progress();
        this.emit({ type: 'event', id: 0, event: { kind: 'diverged', progress } }, [progress.losses.buffer as ArrayBuffer]);
        return;
      }
      this.origin = 'trained';
    }
    const now = this.now();
    if (now - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = now;
      let snapshot: SessionSnapshot | null = null;
      if (now - this.lastSnapshot >= SNAPSHOT_EVERY_MS) {
        this.lastSnapshot = now;
        snapshot = this.openOn(this.data!.example, 'example');
      }
      const progress = this.progress();
      const transfer: Transferable[] = [progress.losses.buffer as ArrayBuffer, ...(snapshot ? buffersOf(snapshot) : [])];
      this.emit({ type: 'event', id: 0, event: { kind: 'progress', progress, snapshot } }, transfer);
    }
    this.schedule(() => this.slice());
  }

  /** Progress after a rewind: the whole (shortened) loss log again, no rate. */
  private rewoundProgress(): TrainProgress {
    this.sentLosses = 0;
    this.rate = [];
    return this.progress();
  }

  private progress(): TrainProgress {
    const run = this.requireRun();
    const now = this.now();
    let itPerSec = 0;
    if (this.rate.length > 0) {
      this.rate.push({ t: now, it: run.iteration });
      while (this.rate.length > 2 && now - this.rate[1].t > 1000) this.rate.shift();
      const first = this.rate[0];
      const dt = (now - first.t) / 1000;
      itPerSec = dt > 0 ? (run.iteration - first.it) / dt : 0;
    }
    const { first: lossFirst, values } = run.lossesSince(this.sentLosses);
    this.sentLosses = lossFirst + values.length;
    const r = run.lastReport;
    return {
      iteration: run.iteration,
      loss: run.currentLoss,
      gradNorm: r ? r.gradNorm : NaN,
      clipped: r ? r.clipped : false,
      finite: r ? r.finite : true,
      running: this.running,
      itPerSec,
      lossFirst,
      losses: values,
      history: run.historyList(),
    };
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
    const result: GradCheckReply = {
      worstRelError: r.worstRelError,
      worstAbsError: r.worstAbsError,
      worst: r.worst ? { key: r.worst.key, index: r.worst.index, analytic: r.worst.analytic, numeric: r.worst.numeric } : null,
      checked: r.checked,
      total: r.total,
      step: r.step,
    };
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
    if (!this.run) throw new InputError('nothing has been trained yet');
    return this.run;
  }

  private snapshot(): SessionSnapshot {
    const s = this.requireSession();
    const net = s.net;
    const p = s.params;
    const display = networkDisplayArrays(net, s.seq.truncation);
    const layers: RecurrenceSnapshot[] = net.layers.map((ws, i) => {
      const { probs: _probs, ...derived } = display.layers[i];
      return {
        layer: Math.floor(i / p.directions),
        direction: i % p.directions,
        xs: ws.xs.slice(),
        hs: ws.hs.slice(),
        cs: ws.cs.slice(),
        gi: ws.gi.slice(),
        gh: ws.gh.slice(),
        act: ws.act.slice(),
        tc: ws.tc.slice(),
        dhHead: ws.dhHead.slice(),
        dhs: ws.dhs.slice(),
        dcs: ws.dcs.slice(),
        dgi: ws.dgi.slice(),
        // dgh is sent only where it differs from dgi (gru)
        dgh: ws.dgh === ws.dgi ? new Float64Array(0) : ws.dgh.slice(),
        dhPrev: ws.dhPrev.slice(),
        dcPrev: ws.dcPrev.slice(),
        dxs: ws.dxs.slice(),
        ...derived,
      };
    });
    const targets = net.targets.kind === 'mse' ? net.targets.values.slice() : Float64Array.from(net.targets.classes);
    return {
      version: ++this.version,
      model: { cell: p.cell, inputSize: p.inputSize, hiddenSize: p.hiddenSize, outputSize: p.outputSize, numLayers: p.numLayers, directions: p.directions, origin: this.origin },
      steps: s.steps,
      truncation: s.seq.truncation,
      loss: net.targets.kind,
      lossValue: s.loss,
      vocab: this.data?.vocab ?? null,
      task: this.data?.task ?? 'custom',
      tokens: sequenceTokens(this.data?.task ?? 'custom', s.seq, p.inputSize, p.outputSize, this.data?.vocab),
      xs: s.seq.inputs.slice(),
      dxs: networkInputGrads(net),
      targets,
      ys: net.ys.slice(),
      probs: display.probs.slice(),
      lossTerms: net.lossTerms.slice(),
      dys: net.dys.slice(),
      layers,
      layerDhNormMeans: display.layerDhNormMeans,
      params: toArrays(p),
      grads: toArrays(s.grads),
      gradNorm: clipGradNorm(cloneParams(s.grads), 0)[0],
      sequence: this.sequenceKind,
      iteration: this.run?.iteration ?? this.startIteration,
    };
  }
}

function checkModelSpec(m: ModelSpec): void {
  if (!m || !(CELL_TYPES as readonly string[]).includes(m.cell)) throw new InputError(`unknown cell type '${String(m?.cell)}'`, 'cell');
  if (!Number.isInteger(m.hidden) || m.hidden < 1) throw new InputError('hidden size: expected a whole number ≥ 1', 'hidden');
  if (m.hidden > UI_LIMITS.maxHidden) throw new InputError(`hidden size ${m.hidden} is over the limit of ${UI_LIMITS.maxHidden}`, 'hidden');
  if (!Number.isFinite(m.seed)) throw new InputError('seed: expected a number', 'seed');
  if (!(INIT_SCHEMES as readonly string[]).includes(m.init)) throw new InputError(`unknown initialisation '${String(m.init)}'`, 'init');
  const within = (v: unknown, r: { min: number; max: number }) => typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max;
  if (!within(m.hhScale, INIT_LIMITS.hhScale)) throw new InputError(`W_hh scale: expected a number from ${INIT_LIMITS.hhScale.min} to ${INIT_LIMITS.hhScale.max}`, 'hhScale');
  for (const key of ['forgetBias', 'updateBias'] as const) {
    if (!within(m[key], INIT_LIMITS.gateBias)) throw new InputError(`${key}: expected a number from ${INIT_LIMITS.gateBias.min} to ${INIT_LIMITS.gateBias.max}`, key);
  }
}

/** The data spec's own sanity (sizes against the limits are checked once the shape is known). */
function checkDataSpec(spec: DataSpec): void {
  if (!spec || !(TASK_IDS as readonly string[]).includes(spec.task)) throw new InputError(`unknown input task '${String(spec?.task)}'`, 'task');
  if (!Number.isInteger(spec.steps) || spec.steps < 1) throw new InputError('steps: expected a whole number ≥ 1', 'steps');
  if (spec.steps > UI_LIMITS.maxSteps) throw new InputError(`sequence length ${spec.steps} is over the limit of ${UI_LIMITS.maxSteps} steps`, 'steps');
  if (!Number.isInteger(spec.truncation) || spec.truncation < 0) throw new InputError('truncation: expected a whole number ≥ 0', 'truncation');
  if (spec.lossSteps !== undefined && !(LOSS_STEPS as readonly string[]).includes(spec.lossSteps)) throw new InputError(`loss steps: expected ${LOSS_STEPS.join(' or ')}`, 'lossSteps');
  const { min, max } = TASK_LIMITS.inputScale;
  if (spec.inputScale !== undefined && !(Number.isFinite(spec.inputScale) && spec.inputScale >= min && spec.inputScale <= max)) {
    throw new InputError(`input scale: expected a number from ${min} to ${max}`, 'inputScale');
  }
  if (spec.task === 'text') {
    const chars = [...(spec.text ?? '')];
    if (chars.length < 2) throw new InputError('the text needs at least 2 characters', 'text');
    if (new Set(chars).size > UI_LIMITS.maxInput) throw new InputError(`the text has more than ${UI_LIMITS.maxInput} different characters`, 'text');
  }
  if (spec.task === 'custom') {
    const rows = spec.series ?? [];
    if (!Array.isArray(rows) || rows.length < 2) throw new InputError('the series needs at least 2 rows', 'series');
    const C = Array.isArray(rows[0]) ? rows[0].length : 0;
    if (C < 1 || C > UI_LIMITS.maxInput) throw new InputError(`the series needs 1 to ${UI_LIMITS.maxInput} columns`, 'series');
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== C) throw new InputError(`series row ${i + 1} has ${Array.isArray(r) ? r.length : 0} values, row 1 has ${C}`, 'series');
      for (const v of r) if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`series row ${i + 1} has a value that is not a finite number`, 'series');
    });
  }
  if (spec.task === 'copy' && spec.symbols !== undefined && (!Number.isInteger(spec.symbols) || spec.symbols < 1 || spec.symbols > 64)) {
    throw new InputError('symbols: expected a whole number from 1 to 64', 'symbols');
  }
}

function checkSettings(s: TrainSettings): void {
  const bad = trainSettingsProblem(s as unknown as Record<string, unknown>);
  if (bad === null) return;
  if (bad === 'optimizer') throw new InputError(`optimizer: expected one of ${OPTIMIZERS.join(', ')}`, bad);
  const { min, max } = TRAIN_LIMITS[bad];
  throw new InputError(`${bad}: expected a ${bad === 'batch' ? 'whole number' : 'number'} from ${min} to ${max}`, bad);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The arrays of a Params as the protocol sends them (shared, not copied: for fresh gradient objects). */
function partsOf(p: Params): ParamArrays {
  return paramSetOf(fields(p));
}

function toArrays(p: Params): ParamArrays {
  return paramSetOf(fields(p).map((a) => a.slice()));
}

function fromArrays(shape: Shape, w: ParamArrays): Params {
  const p = zerosLike(shape);
  for (const e of paramEntries(shape)) {
    const dst = paramArray(p, e);
    const src = e.layer < 0 ? w[e.field as 'headW' | 'headB'] : w.layers?.[e.layer * p.directions + e.direction]?.[e.field as LayerField];
    if (!(src instanceof Float64Array) || src.length !== dst.length) {
      throw new InputError(
        `the weights do not fit this model: ${e.key} has ${src instanceof Float64Array ? src.length : 0} numbers; a ${shape.cell} of ${p.numLayers} layer(s) × ${p.directions} direction(s) with H = ${shape.hiddenSize}, I = ${shape.inputSize}, O = ${shape.outputSize} needs ${dst.length} (G = ${GATE_COUNT[shape.cell]})`,
        e.key,
      );
    }
    dst.set(src);
  }
  return p;
}

function buffersOf(s: SessionSnapshot): ArrayBuffer[] {
  const arrays: Float64Array[] = [...fields(s.params), ...fields(s.grads)];
  for (const v of Object.values(s)) if (v instanceof Float64Array) arrays.push(v);
  for (const r of s.layers) for (const v of Object.values(r)) if (v instanceof Float64Array) arrays.push(v);
  // a buffer may be listed once only (empty arrays may share none, but be safe)
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
