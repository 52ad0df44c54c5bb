// Speed: pdfmake resolves a style property (StyleContextStack.getStyleProperty) by pushing the
// item and its named styles onto the stack, calling getProperty in a closure, and popping them
// again; getProperty makes a closure and a Set (the guard against `extends` cycles) for every
// named style it looks in. Text is measured a run at a time (inline-runs.ts), twenty-odd
// properties per run, so the ×10 booklet made about 100 MiB of those Sets and closures.
// Here the same lookup reads the stack in the same order without changing it: the item itself,
// its named styles from the last, then the stack from the top, then the default style; a named
// style that `extends` another is left to pdfmake's own recursion, cycle guard and all. The
// values are pdfmake 0.3.11's in every case, so the PDFs are the same bytes
// (tests/determinism.test.ts builds with ICT_PDF_NO_STYLE_LOOKUP=1; tests/style-lookup.test.ts
// compares the two lookups on varied stacks). A change that could be offered upstream as it is.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown) => typeof v === 'string' || v instanceof String;

/** pdfmake's getStylePropertyFromStyle, for a named style that extends others (cycles guarded by `visited`) */
function fromExtendingStyle(dictionary: Any, name: Any, property: string, visited: Set<unknown>): unknown {
  if (visited.has(name)) return undefined;
  visited.add(name);
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromExtendingStyle(dictionary, parents[i], property, visited);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** one entry of the stack (a style's name or an override object), as getProperty reads it */
function fromEntry(dictionary: Any, entry: Any, property: string): unknown {
  if (!isString(entry)) return entry[property];
  const style = dictionary[entry as string];
  if (!style) return undefined;
  const value = style[property];
  if (isValue(value) || !style.extends) return value;
  return fromExtendingStyle(dictionary, entry, property, new Set());
}

/** StyleContextStack.prototype.getProperty, without a closure or a Set per named style */
export function getProperty(stack: Any, property: string): unknown {
  const overrides = stack.styleOverrides;
  if (overrides)
    for (let i = overrides.length - 1; i >= 0; i--) {
      const value = fromEntry(stack.styleDictionary, overrides[i], property);
      if (isValue(value)) return value;
    }
  return stack.defaultStyle && stack.defaultStyle[property];
}

/** StyleContextStack.getStyleProperty: what autopush would put on the stack, read in place */
export function getStyleProperty(item: Any, stack: Any, property: string, defaultValue: unknown): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
  // autopush pushes nothing for a string or a section; otherwise the item's named styles, then the item
  if (!isString(item) && typeof item.section === 'undefined') {
    const names = item.style ? (Array.isArray(item.style) ? item.style : [item.style]) : [];
    // the item itself was asked first (above): pdfmake asks it again from the stack's top, with the same answer
    for (let i = names.length - 1; i >= 0; i--) {
      const value = fromEntry(stack.styleDictionary, names[i], property);
      if (isValue(value)) return value;
    }
  }
  const value = getProperty(stack, property);
  return isValue(value) ? value : defaultValue;
}

let installed = false;
export function installStyleLookup(StyleContextStack: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_STYLE_LOOKUP')) return;
  installed = true;
  StyleContextStack.prototype.getProperty = function (property: string) {
    return getProperty(this, property);
  };
  StyleContextStack.getStyleProperty = getStyleProperty;
}
