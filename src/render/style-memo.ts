// Speed: pdfmake resolves every style property of every inline through its style stack
// (StyleContextStack.getStyleProperty: push the item and its named styles, walk the stack, pop),
// about twenty properties per inline — and Japanese text is an inline per character. Within one
// text node the stack is the same for every inline, and an inline that does not set a property
// itself gets the value its named styles and the stack give: the same for every inline with the
// same `style`. So while pdfmake builds one node's inlines, each (property, style) is resolved
// once. The values are exactly those pdfmake would compute (the PDFs are byte for byte the same:
// tests/determinism.test.ts compares them with a build without this), only fewer times.
// A change that could be offered upstream as a cache inside TextInlines.buildInlines.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const isValue = (v: unknown) => v !== undefined && v !== null;

let installed = false;
export function installStyleMemo(TextInlines: Any, StyleContextStack: Any): void {
  if (installed || process.env.ICT_PDF_NO_STYLE_MEMO) return;
  installed = true;
  const buildInlines = TextInlines.prototype.buildInlines;
  const resolve = StyleContextStack.getStyleProperty;
  TextInlines.prototype.buildInlines = function (textArray: Any, stack: Any) {
    // property → fallback → style → value (no string keys built per call: this runs per character)
    const memo = new Map<string, Map<unknown, Map<unknown, unknown>>>();
    StyleContextStack.getStyleProperty = (item: Any, s: Any, property: string, fallback: unknown) => {
      // an inline's own value, another stack, a string item, a section: as pdfmake does it
      if (s !== stack || !s || typeof item !== 'object' || isValue(item[property]) || item.section !== undefined || Array.isArray(item.style))
        return resolve(item, s, property, fallback);
      let byFallback = memo.get(property);
      if (!byFallback) memo.set(property, (byFallback = new Map()));
      let byStyle = byFallback.get(fallback);
      if (!byStyle) byFallback.set(fallback, (byStyle = new Map()));
      const style = item.style;
      if (byStyle.has(style)) return byStyle.get(style);
      const v = resolve(item, s, property, fallback);
      byStyle.set(style, v);
      return v;
    };
    try {
      return buildInlines.call(this, textArray, stack);
    } finally {
      StyleContextStack.getStyleProperty = resolve;
    }
  };
}
