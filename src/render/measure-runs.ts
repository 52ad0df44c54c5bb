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
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// every own property measure reads, and those that choose how the rest resolve
const OWN = [
  'font', 'bold', 'italics', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor',
  'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub',
  'lineHeight', 'preserveLeadingSpaces', 'preserveTrailingSpaces', 'style', 'section',
] as const;

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
  if (installed || process.env.ICT_PDF_NO_MEASURE_RUNS) return;
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
      let same = last !== undefined;
      for (let k = 0; k < OWN.length; k++) {
        const v = item[OWN[k]];
        if (v !== before[k]) (same = false), (before[k] = v);
      }
      if (!same) {
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
