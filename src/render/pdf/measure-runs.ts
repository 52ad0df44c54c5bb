// Speed: pdfmake's TextInlines.measure resolves twenty-odd style properties for every inline
// through its style stack, and Japanese text is an inline per character. The inlines its text
// breaker cuts from one text node carry the same own properties (it copies them to each piece),
// and a property's value depends only on the inline's own value of it, its `style` and the
// stack, which does not change while one array is measured. So where an inline's own values
// are those of the inline before it, the values resolved for that one are taken; otherwise
// they are resolved exactly as pdfmake does. Everything else (widths, cuts) is computed per
// inline as in pdfmake 0.3.11's measure, which this follows line by line. The PDFs are byte for
// byte the same (tests/determinism.test.ts builds with ICT_PDF_NO_MEASURE_RUNS=1). A change
// that could be offered upstream inside TextInlines.measure.
import { switchedOff } from './switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// every own property measure reads, and those that choose how the rest resolve
const OWN = [
  'font',
  'bold',
  'italics',
  'alignment',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'link',
  'linkToPage',
  'linkToDestination',
  'noWrap',
  'opacity',
  'sup',
  'sub',
  'lineHeight',
  'preserveLeadingSpaces',
  'preserveTrailingSpaces',
  'style',
  'section',
] as const;

// written out, not looped over OWN: named reads are many times faster than keyed ones here
/** whether the inline's own values are those in `b` (in OWN's order) */
function sameOwn(i: Any, b: unknown[]): boolean {
  return (
    i.font === b[0] &&
    i.bold === b[1] &&
    i.italics === b[2] &&
    i.alignment === b[3] &&
    i.fontSize === b[4] &&
    i.fontFeatures === b[5] &&
    i.characterSpacing === b[6] &&
    i.color === b[7] &&
    i.decoration === b[8] &&
    i.decorationColor === b[9] &&
    i.decorationStyle === b[10] &&
    i.decorationThickness === b[11] &&
    i.background === b[12] &&
    i.link === b[13] &&
    i.linkToPage === b[14] &&
    i.linkToDestination === b[15] &&
    i.noWrap === b[16] &&
    i.opacity === b[17] &&
    i.sup === b[18] &&
    i.sub === b[19] &&
    i.lineHeight === b[20] &&
    i.preserveLeadingSpaces === b[21] &&
    i.preserveTrailingSpaces === b[22] &&
    i.style === b[23] &&
    i.section === b[24]
  );
}
/** notes the inline's own values in `b` */
function noteOwn(i: Any, b: unknown[]): void {
  b[0] = i.font;
  b[1] = i.bold;
  b[2] = i.italics;
  b[3] = i.alignment;
  b[4] = i.fontSize;
  b[5] = i.fontFeatures;
  b[6] = i.characterSpacing;
  b[7] = i.color;
  b[8] = i.decoration;
  b[9] = i.decorationColor;
  b[10] = i.decorationStyle;
  b[11] = i.decorationThickness;
  b[12] = i.background;
  b[13] = i.link;
  b[14] = i.linkToPage;
  b[15] = i.linkToDestination;
  b[16] = i.noWrap;
  b[17] = i.opacity;
  b[18] = i.sup;
  b[19] = i.sub;
  b[20] = i.lineHeight;
  b[21] = i.preserveLeadingSpaces;
  b[22] = i.preserveTrailingSpaces;
  b[23] = i.style;
  b[24] = i.section;
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

interface Resolved {
  font: Any;
  alignment: unknown;
  fontSize: number;
  fontFeatures: unknown;
  characterSpacing: number;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
}
/** asked for after the others are set on the inline, and not set on it */
interface Asked {
  lineHeight: number;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
}

let installed = false;
export function installMeasureRuns(TextInlines: Any, StyleContextStack: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_MEASURE_RUNS')) return;
  installed = true;
  TextInlines.prototype.measure = function (array: Any[], stack: Any) {
    const get = (item: Any, property: string, fallback: unknown) => StyleContextStack.getStyleProperty(item, stack, property, fallback);
    if (array.length) {
      const leadingIndent = get(array[0], 'leadingIndent', 0);
      if (leadingIndent) {
        array[0].leadingCut = -leadingIndent;
        array[0].leadingIndent = leadingIndent;
      }
    }
    const before: unknown[] = new Array(OWN.length);
    let last: Resolved | undefined;
    let asked: Asked | undefined;
    for (const item of array) {
      const same = last !== undefined && sameOwn(item, before);
      if (!same) {
        noteOwn(item, before);
        // in pdfmake's order: the font is asked for, and set, before the other properties
        const font = this.pdfDocument.provideFont(get(item, 'font', 'Roboto'), get(item, 'bold', false), get(item, 'italics', false));
        item.font = font;
        const r: Resolved = {
          font,
          alignment: get(item, 'alignment', 'left'),
          fontSize: get(item, 'fontSize', 12),
          fontFeatures: get(item, 'fontFeatures', null),
          characterSpacing: get(item, 'characterSpacing', 0),
          color: get(item, 'color', 'black'),
          decoration: get(item, 'decoration', null),
          decorationColor: get(item, 'decorationColor', null),
          decorationStyle: get(item, 'decorationStyle', null),
          decorationThickness: get(item, 'decorationThickness', null),
          background: get(item, 'background', null),
          link: get(item, 'link', null),
          linkToPage: get(item, 'linkToPage', null),
          linkToDestination: get(item, 'linkToDestination', null),
          noWrap: get(item, 'noWrap', null),
          opacity: get(item, 'opacity', 1),
          sup: get(item, 'sup', false),
          sub: get(item, 'sub', false),
        };
        // font size reduction of sup and sub, as pdfmake makes it
        if (r.sup || r.sub) r.fontSize *= 0.58;
        Object.assign(item, r);
        asked = {
          lineHeight: get(item, 'lineHeight', 1),
          preserveLeadingSpaces: get(item, 'preserveLeadingSpaces', false),
          preserveTrailingSpaces: get(item, 'preserveTrailingSpaces', false),
        };
        last = r;
      } else {
        const r = last!;
        item.font = r.font;
        item.alignment = r.alignment;
        item.fontSize = r.fontSize;
        item.fontFeatures = r.fontFeatures;
        item.characterSpacing = r.characterSpacing;
        item.color = r.color;
        item.decoration = r.decoration;
        item.decorationColor = r.decorationColor;
        item.decorationStyle = r.decorationStyle;
        item.decorationThickness = r.decorationThickness;
        item.background = r.background;
        item.link = r.link;
        item.linkToPage = r.linkToPage;
        item.linkToDestination = r.linkToDestination;
        item.noWrap = r.noWrap;
        item.opacity = r.opacity;
        item.sup = r.sup;
        item.sub = r.sub;
      }
      const r = asked!;
      item.width = this.widthOfText(item.text, item);
      item.height = item.font.lineHeight(item.fontSize) * r.lineHeight;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!r.preserveLeadingSpaces) {
        const leadingSpaces = item.text.match(LEADING);
        if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0], item);
      }
      item.trailingCut = 0;
      if (!r.preserveTrailingSpaces) {
        const trailingSpaces = item.text.match(TRAILING);
        if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
      }
    }
    return array;
  };
}

/** for tests: the comparison must read every property of OWN */
export const ownCheck = { OWN, sameOwn, noteOwn };
