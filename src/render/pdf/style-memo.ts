// Speed: pdfmake resolves every style property of every inline through its style stack
// (StyleContextStack.getStyleProperty: push the item and its named styles, walk the stack, pop),
// about twenty properties per inline — and Japanese text is an inline per character. Within one
// text node the stack is the same for every inline, and an inline that does not set a property
// itself gets the value its named styles and the stack give: the same for every inline with the
// same `style`. So while pdfmake builds one node's inlines, each (property, style) is resolved
// once. The values are exactly those pdfmake would compute (the PDFs are byte for byte the same:
// tests/determinism.test.ts compares them with a build without this), only fewer times.
// A change that could be offered upstream as a cache inside TextInlines.buildInlines.
import { switchedOff } from './switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const isValue = (v: unknown) => v !== undefined && v !== null;

let installed = false;
export function installStyleMemo(TextInlines: Any, StyleContextStack: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_STYLE_MEMO')) return;
  installed = true;
  const buildInlines = TextInlines.prototype.buildInlines;
  const resolve = StyleContextStack.getStyleProperty;
  TextInlines.prototype.buildInlines = function (textArray: Any, stack: Any) {
    // style → property → the fallback it was asked with and the value. This runs about twenty
    // times per character: one Map lookup (the last style is remembered) and one property read.
    const memo = new Map<unknown, Record<string, { fallback: unknown; value: unknown }>>();
    let lastStyle: unknown = {};
    let lastEntries: Record<string, { fallback: unknown; value: unknown }> = {};
    StyleContextStack.getStyleProperty = (item: Any, s: Any, property: string, fallback: unknown) => {
      // another stack, a string item: as pdfmake does it
      if (s !== stack || !s || typeof item !== 'object' || item === null) return resolve(item, s, property, fallback);
      // an inline's own value is what pdfmake returns first
      const own = item[property];
      if (isValue(own)) return own;
      // a section, a list of styles: as pdfmake does it
      if (item.section !== undefined || Array.isArray(item.style)) return resolve(item, s, property, fallback);
      const style = item.style;
      if (style !== lastStyle) {
        let entries = memo.get(style);
        if (!entries) memo.set(style, (entries = Object.create(null) as Record<string, { fallback: unknown; value: unknown }>));
        lastStyle = style;
        lastEntries = entries;
      }
      const hit = lastEntries[property];
      if (hit && hit.fallback === fallback) return hit.value;
      const value = resolve(item, s, property, fallback);
      if (!hit) lastEntries[property] = { fallback, value };
      return value;
    };
    try {
      return buildInlines.call(this, textArray, stack);
    } finally {
      StyleContextStack.getStyleProperty = resolve;
    }
  };
}
