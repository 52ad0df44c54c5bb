// A date as the commands take it (--date 2019-03-29): a real calendar day, written in full.
import dayjs from 'dayjs';

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid() && dayjs(s).format('YYYY-MM-DD') === s;
}
