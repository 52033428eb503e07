/** Messages for lessons opened from a file or a link (merged into en.ts / ko.ts; docs/lessons.md). */
export const lessonfilesEn = {
  'lessonFile.open': 'Open lesson file…',
  'lessonFile.builtin': 'Back to the built-in lesson',
  'lessonFile.from': 'Lesson from a file: {title}',
  'lessonFile.opened': 'Opened the lesson “{title}” ({n} chapters). Copy link shares it with the moment on screen.',
  'lessonFile.refused': 'This lesson file could not be opened, at {where}: {problem}.{more} Nothing was changed.',
  'lessonFile.more': ' ({n} more problems: npm run lesson:check lists them all.)',
  'lessonFile.tooLongForLink': 'This lesson is too long to travel in a link ({size} kB; a link holds at most {max} kB of lesson): share the file itself.',
  'lessonFile.copiedWithout': 'Link copied, without the lesson (too long for a link): share the lesson file with it.',
  'lessonFile.linkRefused': 'The lesson in this link could not be opened ({reason}); the rest of the link is open, with the built-in lesson.',
  'lessonFile.badDrop': 'This file is neither a lesson file nor a session file (its "format" must be "unroll-lesson" or "unroll-session").',
  'lessonFile.backDone': 'The built-in lesson is back.',
  'lessonFile.unreadable': 'This lesson file could not be read ({reason}); nothing was changed.',
} as const;

export const lessonfilesKo: Record<keyof typeof lessonfilesEn, string> = {
  'lessonFile.open': '수업 파일 열기…',
  'lessonFile.builtin': '기본 수업으로 돌아가기',
  'lessonFile.from': '파일에서 연 수업: {title}',
  'lessonFile.opened': '수업 “{title}”을 열었습니다(장 {n}개). "링크 복사"를 누르면 지금 화면과 함께 이 수업을 공유합니다.',
  'lessonFile.refused': '이 수업 파일을 열 수 없습니다. {where}: {problem}.{more} 아무것도 바뀌지 않았습니다.',
  'lessonFile.more': ' (문제가 {n}개 더 있습니다. npm run lesson:check로 모두 볼 수 있습니다.)',
  'lessonFile.tooLongForLink': '이 수업은 링크에 담기에 너무 깁니다({size} kB, 링크에는 수업을 최대 {max} kB까지 담습니다). 파일을 그대로 공유하세요.',
  'lessonFile.copiedWithout': '링크를 복사했지만 수업은 담지 못했습니다(링크에 담기에 너무 깁니다). 수업 파일도 함께 공유하세요.',
  'lessonFile.linkRefused': '이 링크에 담긴 수업을 열 수 없습니다({reason}). 링크의 나머지는 열었고, 기본 수업을 씁니다.',
  'lessonFile.badDrop': '이 파일은 수업 파일도 세션 파일도 아닙니다("format"이 "unroll-lesson"이나 "unroll-session"이어야 합니다).',
  'lessonFile.backDone': '기본 수업으로 돌아왔습니다.',
  'lessonFile.unreadable': '이 수업 파일을 읽을 수 없습니다({reason}). 아무것도 바뀌지 않았습니다.',
};
