/** Where the lesson comes from: "Open lesson file…", and while a teacher's lesson is open, its title and the way back. */
import { useActions, useApp, useT } from '../../state/context';
import { FileButton } from '../ui/FileButton';

export function LessonSource() {
  const t = useT();
  const a = useActions();
  const lang = useApp((s) => s.lang);
  const custom = useApp((s) => s.customLesson);
  return (
    <div className="lesson-source">
      {custom ? (
        <span className="sub" data-testid="lesson-source">
          {t('lessonFile.from', { title: custom.lesson.title[lang] })}
        </span>
      ) : null}
      <span className="spacer" />
      <FileButton className="quiet" label={t('lessonFile.open')} accept=".json,application/json" onText={(text) => void a.openLessonText(text)} onError={(reason) => a.notify('error', 'lessonFile.unreadable', { reason })} />
      {custom ? (
        <button type="button" className="quiet" onClick={a.openBuiltinLesson}>
          {t('lessonFile.builtin')}
        </button>
      ) : null}
    </div>
  );
}
