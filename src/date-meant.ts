// A date typed in another common form (2019/8/30, 2019.8.30, 2019年8月30日) read as the ISO date
// the commands take, so that the message for a --date can offer it ready to type.
import { isIsoDate } from './iso-date.js';

/** `2019/8/30` → `2019-08-30` (a real calendar day), else undefined. */
export function isoDateMeant(typed: string): string | undefined {
  const m = /^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?$/.exec(typed.normalize('NFKC').trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}
