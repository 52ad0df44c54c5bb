// The rows of a published results year that are not answered yet, or whose 目標の達成度 no
// summary category counts: warnings (the report is still built, marked 未確定), listed per
// 部局 so that the policy division knows whom to ask. Also: pillarNames name real pillars.
import type { Dataset, Model } from '../model/schema.js';
import { missingAnswers, categoryOf, type AnswerField } from '../model/results-answers.js';

type Report = (file: string, message: string, path: (string | number)[], group?: string) => void;

const FIELD_NAMES: Record<AnswerField, string> = { budget: '事業費', achievement: '目標の達成度', outcome: '取組実績・成果等' };
const cut = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

export function checkResultsAnswers(dataset: Dataset, initiatives: Model['initiatives'], err: Report, warn: Report): void {
  const results = dataset.documents.results;
  if (!results) return;
  const pillars = new Set(dataset.sections.map((s) => s.id));
  for (const id of Object.keys(results.pillarNames ?? {}))
    if (!pillars.has(id))
      err('dataset.json', `柱 "${id}" は sections の最上位の節にありません（pillarNames には柱の節の番号を書きます）`, [
        'documents',
        'results',
        'pillarNames',
        id,
      ]);

  // one date for several years: every year's report carries it and every year counts as published
  if (typeof results.publishedOn === 'string' && results.fiscalYears.length > 1)
    warn(
      'dataset.json',
      `publishedOn が一つの日付（${results.publishedOn}）なので、${results.fiscalYears.join('・')}年度の報告書がすべてこの日付になり、どの年度も公表済みとして扱います。年度ごとに {"${results.fiscalYears[0]}": "${results.publishedOn}"} の形で書いてください`,
      ['documents', 'results', 'publishedOn'],
    );
  if (results.publishedOn && typeof results.publishedOn === 'object')
    for (const y of Object.keys(results.publishedOn))
      if (!results.fiscalYears.includes(Number(y)))
        warn('dataset.json', `${y}年度は fiscalYears にないため、この公表日は使われません`, ['documents', 'results', 'publishedOn', y]);

  const sorted = [...initiatives].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  results.fiscalYears.forEach((fy, i) => {
    const lines: { department: string; file: string; message: string; path: (string | number)[] }[] = [];
    let unanswered = 0;
    let uncategorised = 0;
    for (const { file, data } of sorted) {
      const r = data.results?.[String(fy)];
      if (!r) continue;
      const who = `${data.department}（${[data.division].flat().join('・')}）「${cut(data.title)}」`;
      const missing = missingAnswers(r);
      if (missing.length) {
        unanswered++;
        lines.push({
          department: data.department,
          file,
          path: ['results', String(fy)],
          message: `${who}: ${fy}年度の${missing.map((f) => FIELD_NAMES[f]).join('・')}が未回答です`,
        });
      }
      if (r.achievement?.trim() && results.achievementCategories && categoryOf(r.achievement, results.achievementCategories) === undefined) {
        uncategorised++;
        lines.push({
          department: data.department,
          file,
          path: ['results', String(fy), 'achievement'],
          message: `${who}: ${fy}年度の目標の達成度「${cut(r.achievement)}」は集計区分（documents.results.achievementCategories）のどの values にもないため、集計に数えません`,
        });
      }
    }
    if (!lines.length) return;
    // per 部局, in the order the 部局 first appear
    const departments = [...new Set(lines.map((l) => l.department))];
    const perDepartment = departments.map((d) => `${d} ${new Set(lines.filter((l) => l.department === d).map((l) => l.file)).size} 件`).join('、');
    const counts = [unanswered ? `未回答 ${unanswered} 件` : '', uncategorised ? `目標の達成度が集計区分外 ${uncategorised} 件` : '']
      .filter(Boolean)
      .join('、');
    warn('dataset.json', `${fy}年度の事業実施結果は未確定です（${counts}）。報告書は各頁に「未確定」と記して作成します。部局ごと: ${perDepartment}`, [
      'documents',
      'results',
      'fiscalYears',
      i,
    ]);
    for (const d of departments) for (const l of lines.filter((x) => x.department === d)) warn(l.file, l.message, l.path, `unanswered-${fy}`);
  });
}
