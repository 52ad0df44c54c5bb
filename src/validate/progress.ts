// 進ちょく管理 (issue 22): what the schema alone cannot say about indicators' numeric form, the
// self-evaluations and documents.progress. Unanswered actuals and grades are warnings (the
// report is built, marked 未確定), listed per 部局 like the results' unanswered rows.
import type { Dataset, Model } from '../model/schema.js';
import { isNumeric, actualMissing, evaluationMissing } from '../model/progress-answers.js';

type Report = (file: string, message: string, path: (string | number)[], group?: string) => void;

const list = (xs: string[]) => xs.map((x) => `「${x}」`).join('・');
const cut = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

export function checkProgress(dataset: Dataset, initiatives: Model['initiatives'], complete: boolean, err: Report, warn: Report): void {
  const { period } = dataset;
  const inPeriod = (y: number) => y >= period.from && y <= period.to;
  const settings = dataset.documents.progress;
  const at = (...p: (string | number)[]) => ['documents', 'progress', ...p];

  if (settings) {
    const seen = new Set<number>();
    settings.fiscalYears.forEach((y, i) => {
      if (!inPeriod(y)) err('dataset.json', `${y}年度は計画期間（${period.from}〜${period.to}年度）の外です`, at('fiscalYears', i));
      if (seen.has(y)) err('dataset.json', `${y}年度が二度書かれています`, at('fiscalYears', i));
      seen.add(y);
    });
    // a report of a year is published after the year has ended (31 March of the next year)
    const last = Math.max(...settings.fiscalYears);
    if (settings.publishedOn !== undefined && settings.publishedOn <= `${last + 1}-03-31`)
      err(
        'dataset.json',
        `公表日 ${settings.publishedOn} は ${last}年度（${last + 1}年3月31日まで）が終わる前です。${last}年度までの進ちょく状況の公表日を書くか、まだ公表していなければ publishedOn を消してください`,
        at('publishedOn'),
      );
    // levels are read from the top: each but the last needs a lower bound, and the bounds go down
    settings.levels.forEach((l, i) => {
      const last = i === settings.levels.length - 1;
      if (!last && l.min === undefined)
        err(
          'dataset.json',
          `区分「${l.label}」に min（達成率の下限、%）がありません。min を書かずにおけるのは最後の区分だけです（それより下のすべてを数えます）`,
          at('levels', i),
        );
      if (last && l.min !== undefined)
        err(
          'dataset.json',
          `最後の区分「${l.label}」には min を書きません（min より低い達成率の指標がどの区分にも数えられなくなります）。min を消してください`,
          at('levels', i, 'min'),
        );
      const prev = settings.levels[i - 1]?.min;
      if (l.min !== undefined && prev !== undefined && l.min >= prev)
        err(
          'dataset.json',
          `区分「${l.label}」の min（${l.min}）は一つ上の区分の min（${prev}）より小さくしてください（上から順に、達成率が min 以上の最初の区分に数えます）`,
          at('levels', i, 'min'),
        );
    });
    const unique = (xs: string[], key: string, what: string) =>
      xs.forEach((x, i) => {
        if (xs.indexOf(x) !== i) err('dataset.json', `${what}「${x}」が二度書かれています`, at(key, i));
      });
    unique(
      settings.levels.map((l) => l.label),
      'levels',
      '区分',
    );
    unique(
      settings.grades.map((g) => g.label),
      'grades',
      '自己評価の段階',
    );
    unique(settings.outlooks, 'outlooks', '今後の方向性');
    if (complete && !initiatives.some((x) => (x.data.indicators ?? []).some(isNumeric)))
      err(
        'dataset.json',
        '数値の形（unit）をもつ指標がどの事業にもないため、進ちょく状況の報告書を作れません。指標に unit・target.number などを書くか（npm run indicators:convert が文字の値から作れます）、documents.progress を消してください',
        at(),
      );
  }

  const grades = settings?.grades.map((g) => g.label) ?? [];
  const outlooks = settings?.outlooks ?? [];
  for (const { file, data } of initiatives) {
    data.indicators?.forEach((ind, k) => {
      const p = (...rest: (string | number)[]) => ['indicators', k, ...rest];
      const numericFields = [
        ind.baseline.number !== undefined && 'baseline.number',
        ind.baseline.unit !== undefined && 'baseline.unit',
        ind.target.number !== undefined && 'target.number',
        ind.direction !== undefined && 'direction',
        ind.yearlyTargets !== undefined && 'yearlyTargets',
        ind.actuals !== undefined && 'actuals',
      ].filter((x): x is string => Boolean(x));
      if (!isNumeric(ind)) {
        if (numericFields.length)
          err(
            file,
            `指標「${cut(ind.name)}」に ${numericFields.join('・')} がありますが unit（単位）がありません。unit を書いてください（例 "unit": "件"）`,
            p(),
          );
        return;
      }
      if (ind.target.number === undefined)
        err(
          file,
          `指標「${cut(ind.name)}」の目標値の数値（target.number）がありません。target.value「${ind.target.value}」の数を単位を付けずに書いてください`,
          p('target'),
        );
      if (ind.direction === undefined)
        err(file, `指標「${cut(ind.name)}」に direction がありません。値が増えるほうが良いなら "増やす"、減るほうが良いなら "減らす" と書いてください`, p());
      for (const y of Object.keys(ind.yearlyTargets ?? {}))
        if (!inPeriod(Number(y))) err(file, `${y}年度の目標値は計画期間（${period.from}〜${period.to}年度）の外です`, p('yearlyTargets', y));
      for (const y of Object.keys(ind.actuals ?? {}))
        if (!inPeriod(Number(y))) err(file, `${y}年度の実績値は計画期間（${period.from}〜${period.to}年度）の外です`, p('actuals', y));
    });
    for (const [y, e] of Object.entries(data.evaluation ?? {})) {
      const p = ['evaluation', y];
      if (!inPeriod(Number(y))) err(file, `${y}年度の自己評価は計画期間（${period.from}〜${period.to}年度）の外です`, p);
      if (!settings) {
        err(
          file,
          `自己評価（evaluation）がありますが、dataset.json に documents.progress（自己評価の段階・今後の方向性）がないため確かめられません。documents.progress を書いてください`,
          p,
        );
        continue;
      }
      if (e.grade?.trim() && !grades.includes(e.grade))
        err(file, `自己評価「${e.grade}」は documents.progress.grades にありません。${list(grades)} のどれかを書いてください`, [...p, 'grade']);
      if (e.outlook?.trim() && !outlooks.includes(e.outlook))
        err(file, `今後の方向性「${e.outlook}」は documents.progress.outlooks にありません。${list(outlooks)} のどれかを書いてください`, [...p, 'outlook']);
    }
  }

  if (!settings) return;
  const sorted = [...initiatives].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  settings.fiscalYears.forEach((fy, i) => {
    const lines: { department: string; file: string; message: string; path: (string | number)[] }[] = [];
    for (const { file, data } of sorted) {
      const who = `${data.department}（${[data.division].flat().join('・')}）「${cut(data.title)}」`;
      data.indicators?.forEach((ind, k) => {
        if (actualMissing(ind, fy))
          lines.push({
            department: data.department,
            file,
            path: ['indicators', k, 'actuals'],
            message: `${who}: 指標「${cut(ind.name)}」の${fy}年度の実績値が未回答です`,
          });
      });
      if (evaluationMissing(data, fy))
        lines.push({ department: data.department, file, path: ['evaluation'], message: `${who}: ${fy}年度の自己評価が未回答です` });
    }
    if (!lines.length) return;
    const departments = [...new Set(lines.map((l) => l.department))];
    const perDepartment = departments.map((d) => `${d} ${lines.filter((l) => l.department === d).length} 件`).join('、');
    warn(
      'dataset.json',
      `${fy}年度の進ちょく状況は未確定です（未回答 ${lines.length} 件）。報告書は各頁に「未確定」と記して作成します。部局ごと: ${perDepartment}`,
      at('fiscalYears', i),
    );
    for (const d of departments) for (const l of lines.filter((x) => x.department === d)) warn(l.file, l.message, l.path, `progress-unanswered-${fy}`);
  });
}
