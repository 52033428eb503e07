/** "SVG" and "PNG" buttons that save the view they sit in (found by a CSS selector). */
import { useT } from '../../state/context';
import { exportPng, exportSvg } from './exportView';
import { useSave } from './useSave';

export function ExportButtons({ target, name, label }: { target: string; name: string; label: string }) {
  const t = useT();
  const save = useSave();
  const what = t('export.what.view', { view: label });
  const find = () => document.querySelector(target);
  return (
    <span className="export-buttons" role="group" aria-label={t('export.group', { view: label })}>
      <button
        type="button"
        className="small"
        aria-label={t('export.svg', { view: label })}
        onClick={() => {
          const el = find();
          if (el) save(what, () => exportSvg(el, name));
        }}
      >
        {t('export.svgShort')}
      </button>
      <button
        type="button"
        className="small"
        aria-label={t('export.png', { view: label })}
        onClick={() => {
          const el = find();
          if (el) save(what, () => exportPng(el, name));
        }}
      >
        {t('export.pngShort')}
      </button>
    </span>
  );
}
