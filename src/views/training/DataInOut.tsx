/**
 * Weights and data in and out: import and export PyTorch weights, the trace, the loss CSV, your own CSV.
 */
import { useId, useState } from 'react';
import { FileButton } from '../ui/FileButton';
import type { MessageKey } from '../../content/i18n';
import { parseCsv } from '../../state/csv';
import { download } from '../ui/download';
import { useActions, useApp, useT } from '../../state/context';
import { useSave } from '../ui/useSave';
import { localizeEngine } from '../../content/i18n/engineMessages';

export function DataInOut() {
  const t = useT();
  const a = useActions();
  const save = useSave();
  const id = useId();
  const [snippetOpen, setSnippetOpen] = useState(false);
  const ready = useApp((s) => s.snapshot !== null);
  const hasLosses = useApp((s) => s.training.losses.length > 0);
  const cell = useApp((s) => s.snapshot?.model.cell ?? s.config.cell);
  const hidden = useApp((s) => s.snapshot?.model.hiddenSize ?? s.config.hidden);
  const task = useApp((s) => s.config.task);
  // a stacked or two-way network says so in its file names: lstm-h8-l2-bi
  const layers = useApp((s) => s.snapshot?.model.numLayers ?? s.config.layers);
  const twoWay = useApp((s) => (s.snapshot ? s.snapshot.model.directions === 2 : s.config.bidirectional));
  const iteration = useApp((s) => s.training.iteration);
  const lang = useApp((s) => s.lang);
  const [weightsMsg, setWeightsMsg] = useState<{ error: boolean; text: string } | null>(null);
  const [imported, setImported] = useState(false);
  const [csvMsg, setCsvMsg] = useState<{ error: boolean; text: string } | null>(null);
  const base = `unroll-${cell}-h${hidden}${layers > 1 ? `-l${layers}` : ''}${twoWay ? '-bi' : ''}-${task}`;
  const importWeights = async (json: string) => {
    const error = await a.importWeights(json);
    setWeightsMsg(error ? { error: true, text: error } : null);
    setImported(!error);
  };
  const uploadCsv = (text: string) => {
    const parsed = parseCsv(text);
    if (!parsed.ok) return setCsvMsg({ error: true, text: t(parsed.error.key as MessageKey, parsed.error.vars) });
    const { rows, columns, header } = parsed.table;
    // A first line taken as column names is said, so a line of data read as names does not go unseen.
    const names = header ? ' ' + t('csv.headerRead', { names: header.join(', ') }) : '';
    setCsvMsg({ error: false, text: t('training.csvLoaded', { rows: rows.length, columns }) + names });
    a.setConfig({ task: 'custom', series: rows.flat(), columns });
  };
  return (
    <div className="training-data" role="group" aria-label={t('training.data')}>
      <div className="training-data-row">
        <span className="training-file">
          <FileButton
            label={t('training.import')}
            accept=".json,application/json"
            disabled={!ready}
            onText={(s) => void importWeights(s)}
            onError={(text) => setWeightsMsg({ error: true, text })}
          />
        </span>
        <button type="button" disabled={!ready} onClick={() => save(t('export.what.weights'), () => a.exportWeights().then((json) => download(json, `${base}-weights-it${iteration}.json`, 'application/json')))}>
          {t('training.export')}
        </button>
        <button type="button" disabled={!ready} onClick={() => save(t('export.what.trace'), () => a.exportTrace().then((json) => download(json, `${base}-trace.json`, 'application/json')))}>
          {t('training.exportTrace')}
        </button>
        <button type="button" disabled={!hasLosses} onClick={() => save(t('export.what.lossCsv'), () => download(a.lossCsv(), `${base}-loss.csv`, 'text/csv'))}>
          {t('training.exportCsv')}
        </button>
        <span className="training-file">
          <FileButton label={t('training.uploadCsv')} accept=".csv,.tsv,.txt,text/csv,text/plain" onText={uploadCsv} onError={(text) => setCsvMsg({ error: true, text })} />
        </span>
        <button type="button" className="training-disclosure" aria-expanded={snippetOpen} aria-controls={id + '-snippet'} onClick={() => setSnippetOpen((o) => !o)}>
          <span aria-hidden="true">{snippetOpen ? '▾' : '▸'}</span> {t('training.snippet.summary')}
        </button>
      </div>
      <div className="training-messages">
        {weightsMsg ? (
          <p className="training-error" role="alert" data-testid="weights-message">
            {localizeEngine(lang, weightsMsg.text)}
          </p>
        ) : imported ? (
          <p className="training-ok" data-testid="weights-message">
            {t('training.imported', { cell: t(`cell.${cell}` as MessageKey), hidden })}
          </p>
        ) : null}
        {csvMsg ? (
          <p className={csvMsg.error ? 'training-error' : 'training-ok'} role={csvMsg.error ? 'alert' : undefined} data-testid="csv-message">
            {csvMsg.text}
          </p>
        ) : null}
      </div>
      {snippetOpen ? <Snippet t={t} id={id + '-snippet'} /> : null}
    </div>
  );
}

function Snippet({ t, id }: { t: ReturnType<typeof useT>; id: string }) {
  return (
    <div className="training-snippet" id={id}>
      <p className="sub">{t('training.snippet.intro')}</p>
      <pre tabIndex={0} aria-label={t('training.snippet.summary')}>
        <code>{t('training.snippet.code')}</code>
      </pre>
    </div>
  );
}
