// What a number format does to what a cell shows. A department reads the shown text, not the
// stored value: 「100%」 is the value 1, 「1,234」 under `#,##0,` is 1,234,000, a date is a serial
// number. Formats that change the shown number (percent, scaling by trailing commas, dates and
// times, fractions, scientific) are found here, and the shown text rendered for the message.
// Only what the messages need is rendered: no colours, fills, conditions or locale currency.

export type FormatEffect = 'percent' | 'scale' | 'date' | 'fraction' | 'scientific';

/** A format code cut into its sections (positive;negative;zero;text), quotes and brackets respected. */
function sections(code: string): [string, ...string[]] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += code.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      const stop = end < 0 ? code.length : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  // the last section ends the code (and is the only one of a code without ';')
  const [first, ...rest] = out;
  return first === undefined ? [cur] : [first, ...rest, cur];
}

/** The codes of a section without literals (quoted text, escapes, fills, colours, locales, conditions);
 *  elapsed time brackets ([h], [mm], [ss]) stay as the letters they are. */
function bare(section: string): { codes: string; condition: boolean } {
  let codes = '';
  let condition = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
    } else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (/^(h+|m+|s+)$/i.test(inner)) codes += inner;
      if (/^[<>=]/.test(inner)) condition = true;
      i = end < 0 ? section.length : end;
    } else codes += ch;
  }
  return { codes: codes.replace(/general/gi, ''), condition };
}

const PLACEHOLDER = /[0#?]/;

function effectOf(codes: string): FormatEffect | undefined {
  if (/[eE][+-]/.test(codes) && PLACEHOLDER.test(codes)) return 'scientific';
  // y m d h s, the Japanese era (g, e), the Buddhist year (b), AM/PM and A/P
  if (/[ymdhsgeb]/i.test(codes.replace(/[eE][+-]/g, ''))) return 'date';
  if (codes.includes('%')) return 'percent';
  if (/[0#?]\s*\/\s*[0-9#?]/.test(codes)) return 'fraction';
  // a comma after the last digit placeholder divides by 1,000 (one between two is grouping)
  const last = Math.max(codes.lastIndexOf('0'), codes.lastIndexOf('#'), codes.lastIndexOf('?'));
  if (last >= 0 && codes[last + 1] === ',') return 'scale';
  return undefined;
}

/** The section Excel uses for a value (all of them when a section has a condition). */
function applicable(code: string, value: number): [string, ...string[]] {
  const [positive, ...rest] = sections(code);
  const all: [string, ...string[]] = [positive, ...rest.slice(0, 2)];
  if (all.some((s) => bare(s).condition)) return all;
  const [, negative, zero] = all;
  if (value < 0 && negative !== undefined) return [negative];
  if (value === 0 && zero !== undefined) return [zero];
  return [positive];
}

/** How the format changes the number a cell shows, if it does. */
export function formatEffect(code: string | undefined, value: number): FormatEffect | undefined {
  if (!code || code === 'General' || code === '@') return undefined;
  for (const s of applicable(code, value)) {
    const e = effectOf(bare(s).codes);
    if (e) return e;
  }
  return undefined;
}

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A number with the section's decimals and grouping (sign kept). */
function plain(value: number, codes: string): string {
  const dot = codes.indexOf('.');
  const decimals = dot < 0 ? 0 : (codes.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  const group = /[0#?],[0#?]/.test(codes);
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  // split gives at least one piece: the digits before the point
  return `${value < 0 ? '-' : ''}${group ? grouped(int!) : int}${frac ? `.${frac}` : ''}`;
}

/** The date of an Excel serial number (1900 system; days from 1899-12-30). */
export const serialDate = (serial: number) => new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400000));

/** A date as a person reads it: 2018/4/1, with the time when it has one (or the time alone for a time format). */
export function dateText(d: Date, codes = 'ymd'): string {
  const day = `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  const time = `${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}${d.getUTCSeconds() ? `:${String(d.getUTCSeconds()).padStart(2, '0')}` : ''}`;
  const hasDay = /[ydgeb]/i.test(codes) || (/m/i.test(codes) && !/[hs]/i.test(codes));
  const hasTime = /[hs]/i.test(codes);
  if (hasDay && hasTime) return `${day} ${time}`;
  return hasTime ? time : day;
}

/** The closest fraction with a denominator of at most `max` (or exactly `fixed`). */
function fraction(x: number, max: number, fixed?: number): [number, number] {
  if (fixed) return [Math.round(x * fixed), fixed];
  let best: [number, number] = [Math.round(x), 1];
  for (let d = 1; d <= max; d++) {
    const n = Math.round(x * d);
    if (Math.abs(n / d - x) < Math.abs(best[0] / best[1] - x) - 1e-12) best = [n, d];
  }
  return best;
}

/** What a cell holding `value` with format `code` shows (as far as its number goes). */
export function shownText(value: number | Date, code: string | undefined): string {
  if (value instanceof Date) return dateText(value, code ? bare(sections(code)[0]).codes : undefined);
  if (!code) return String(value);
  const codes = bare(applicable(code, value)[0]).codes;
  // a negative section writes its own sign (or none): Excel shows the value without it
  if (value < 0 && sections(code).length > 1 && !sections(code).some((x) => bare(x).condition)) value = -value;
  const effect = effectOf(codes);
  if (effect === 'date') return dateText(serialDate(value), codes);
  if (effect === 'percent') return `${plain(value * 100, codes.replace(/%/g, ''))}%`;
  if (effect === 'scale') {
    const commas = /,+(?=[^0#?]*$)/.exec(codes)?.[0].length ?? 0;
    return plain(value / 1000 ** commas, codes.replace(/,+(?=[^0#?]*$)/, ''));
  }
  if (effect === 'scientific') {
    // scientific codes hold E+ or E-: the mantissa before it, the exponent after
    const [mantissa, exponent] = codes.split(/[eE][+-]/) as [string, string];
    const dot = mantissa.indexOf('.');
    const decimals = dot < 0 ? 0 : (mantissa.slice(dot + 1).match(/[0#?]/g) ?? []).length;
    const [m, e] = value.toExponential(decimals).toUpperCase().split('E');
    const n = Number(e);
    return `${m}E${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart((exponent.match(/0/g) ?? []).length, '0')}`;
  }
  if (effect === 'fraction') {
    const m = /([0#?]+)\s*\/\s*([0-9#?]+)/.exec(codes)!;
    const whole = /[0#?]\s+[0#?]+\s*\//.test(codes);
    const den = m[2]!; // the pattern's groups take part in every match
    const fixed = /^[0-9]+$/.test(den) ? Number(den) : undefined;
    const abs = Math.abs(value);
    const int = whole ? Math.floor(abs) : 0;
    const [n, d] = fraction(abs - int, 10 ** den.length - 1, fixed);
    const sign = value < 0 ? '-' : '';
    if (n === 0) return `${sign}${int}`;
    if (n === d) return `${sign}${int + 1}`;
    return `${sign}${int ? `${int} ` : ''}${n}/${d}`;
  }
  return plain(value, codes);
}
