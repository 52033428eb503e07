/**
 * The whole web font (Noto Sans KR, 124 faces split by unicode-range), second in every font stack
 * behind the app's own family (fontFaces.ts): the user's own Korean outside the app's faces comes
 * from it. It is added after the first view: Chromium sets up every face of a family in the stack
 * for each font size it lays out, and the first layout had no use for these 124.
 */
import wholeFamily from '@fontsource-variable/noto-sans-kr/index.css?inline';
import { addLateStyles } from './lateStyles';

addLateStyles('noto-sans-kr', wholeFamily);
