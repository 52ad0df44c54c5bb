// The data format (docs/data-format.md, for the users) in code: the single definition of what a data
// set holds. Types are inferred from these schemas; the editors' JSON Schema is generated
// from them (src/model/json-schema.ts). tests/data-format-doc.test.ts fails when a field here and
// its row in docs/data-format.md disagree: a change here is a change to that document too.
// The Japanese of .describe() stays here: it is the field's description in that JSON Schema and is
// checked against docs/data-format.md. The messages are in templates/validate.hbs, read when one is given.
import * as z from 'zod';
import { TITLE_MAX, TEXT_MAX } from './limits.js';
import { FIRST_DATE, FIRST_YEAR, isSupportedDate, isSupportedMonth } from '../era/range.js';
import { isoDateOf } from '../era/parse.js';
import { wordsOf } from '../templates/words.js';

const w = wordsOf('validate');
/** a message of templates/validate.hbs, rendered when zod reports the issue */
const say = (key: string, context: object = {}) => ({ error: () => w(key, context) });

// Every string has a length limit so that a build stays bounded (a 10 MB title would run
// the layout out of memory): names and titles TITLE_MAX, prose TEXT_MAX.
const name = z.string().max(TITLE_MAX);
const prose = z.string().max(TEXT_MAX);
const text = name.min(1, say('empty-string')).refine((s) => s === '' || s.trim() !== '', say('blank-string'));
const longText = prose.min(1, say('empty-string')).refine((s) => s === '' || s.trim() !== '', say('blank-string'));
/**
 * A name the documents group by (部局, 課室): two spellings are two groups, so a space before or
 * after it (half or full width, invisible in an editor) would split a department in the open data,
 * the lists and the survey workbooks. Refused at its place rather than trimmed behind the keeper's back.
 */
const edgeSpace = (s: string) => s.trim() !== '' && s !== s.trim();
const edgeSpaceMessage = (s: string) => w(s !== s.trimEnd() ? 'edge-space-end' : 'edge-space-start', { name: s });
const groupName = text.superRefine((s, ctx) => {
  if (edgeSpace(s)) ctx.addIssue({ code: 'custom', message: edgeSpaceMessage(s) });
});
const optionalGroupName = name.superRefine((s, ctx) => {
  if (edgeSpace(s)) ctx.addIssue({ code: 'custom', message: edgeSpaceMessage(s) });
});
// years the era names cover (昭和元年 = 1926 onwards); 2200 keeps a plan period printable
const fiscalYear = z
  .number()
  .int()
  .min(FIRST_YEAR, say('year-too-early', { first: FIRST_YEAR }))
  .max(2200)
  .describe('西暦の年度（2017 = 平成29年度）');
/** a measured value (zod 4 refuses Infinity, which a 1e400 in JSON would read as) */
const quantity = z.number();
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const yearMonth = z
  .string()
  .regex(MONTH, say('month-form'))
  .refine((s) => !MONTH.test(s) || isSupportedMonth(s), say('month-too-early', { first: FIRST_DATE.slice(0, 7) }));
const isoDate = z
  .string()
  // the date meant, where it is written another way (2019/8/30, 令和元年8月30日)
  .regex(DATE, { error: (iss) => w('date-form', { meant: typeof iss.input === 'string' ? isoDateOf(iss.input) : undefined }) })
  .refine((s) => !DATE.test(s) || isSupportedDate(s), say('date-not-in-calendar', { first: FIRST_DATE }));
/** The cover of a year's survey books: what the department is asked, by when, whom to ask. */
const surveyCover = z
  .strictObject({
    request: prose.optional().describe('照会文（照会用ブックの表紙に載せる）'),
    deadline: isoDate.optional().describe('回答期限'),
    contact: prose.optional().describe('問い合わせ先（担当課・担当者・電話・メール）'),
  })
  .optional();
/** 全国地方公共団体コード: the sixth digit is (11 − Σ digit×(6,5,4,3,2) mod 11) mod 10. */
function checkDigitOk(code: string): boolean {
  const sum = [6, 5, 4, 3, 2].reduce((a, w, i) => a + w * Number(code[i]), 0);
  return (11 - (sum % 11)) % 10 === Number(code[5]);
}
const id = z
  .string()
  .max(TITLE_MAX)
  .regex(/^[0-9A-Za-z][0-9A-Za-z_-]*$/, say('id-form'));
const file = name;
/** 千円: a total of thousands of these stays an exact integer (below 2^53) */
export const BUDGET_MAX = 1_000_000_000_000;

export const SectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.strictObject({
    id: id.describe('節の番号（"1-1-1"）。事業の section が参照する'),
    title: text.describe('節の見出し'),
    listTitle: text.optional().describe('主な取組一覧（区分の行と従たる目標の欄）での節の名前。公表版の一覧が見出しと違う名前で書くときだけ書く。省けば title'),
    lead: prose.optional().describe('見出しの直後に置く短い前文'),
    narrative: file.optional().describe('【現状・課題・取組の方向性】の本文ファイル（text/*.md.hbs）'),
    columns: z.array(file).optional().describe('節の末尾に置くコラムの本文ファイル'),
    children: z.array(SectionSchema).optional(),
  }),
);
export interface Section {
  id: string;
  title: string;
  listTitle?: string;
  lead?: string;
  narrative?: string;
  columns?: string[];
  children?: Section[];
}

export const PeriodSchema = z.strictObject({ from: fiscalYear, to: fiscalYear });

const timelineSpan = z.strictObject({
  from: fiscalYear.describe('最初の年度（表の最初の年度より前なら、表の最初から）'),
  to: fiscalYear,
  label: name.optional().describe('帯の中に書く語（期の名前など）'),
});

export const FigureSchema = z.strictObject({
  id: id.describe('図の識別子。本文で ![](#id) と書いた位置に置き、{{figure "id"}} で「図表N」と引用する'),
  caption: text.describe('図の題（「図表N」の後に続く部分）'),
  credits: z.array(text).optional().describe('図の下に書く出典・引用の行（「引用：…」「出典 …」）'),
  image: file.optional().describe('画像ファイル（figures/ の PNG・JPEG・SVG）。ないときは、その旨を枠で示す'),
  numbered: z.boolean().optional().describe('false なら図表番号を付けない（写真の説明など）'),
  timeline: z
    .strictObject({
      from: fiscalYear,
      to: fiscalYear,
      groups: z
        .array(
          z.strictObject({
            label: name.optional().describe('区分（「総合計画等」など）'),
            rows: z
              .array(
                z.strictObject({
                  label: text.describe('計画等の名称'),
                  spans: z.array(timelineSpan).min(1),
                  unconfirmed: z.boolean().optional().describe('true: 期間を公表版から確かめられていない（確かめて外すまで、検証のたびに警告）'),
                }),
              )
              .min(1),
          }),
        )
        .min(1),
    })
    .optional()
    .describe('年度を列、計画等を行にした表として描く図（計画の変遷など）'),
});

export const DatasetSchema = z.strictObject({
  $schema: name.optional(),
  id: id.describe('データセットの識別子（出力フォルダ名）'),
  title: text.describe('計画の名称'),
  issuer: text.describe('発行者（宮城県）'),
  issuerUnit: name.optional().describe('担当課（震災復興・企画部情報政策課）'),
  localGovernmentCode: z
    .string()
    .regex(/^\d{6}$/, say('local-government-code-form'))
    .refine(checkDigitOk, say('local-government-code-check-digit'))
    .optional()
    .describe('全国地方公共団体コード（6桁、検査数字つき。宮城県 040002）: オープンデータの先頭列'),
  contact: z
    .strictObject({
      postcode: name.optional(),
      address: name.optional(),
      tel: name.optional(),
      fax: name.optional(),
      email: name.optional(),
      url: prose.optional(),
    })
    .optional(),
  history: z
    .array(z.strictObject({ date: yearMonth, event: text }))
    .optional()
    .describe('策定・改定の履歴'),
  period: PeriodSchema.describe('計画期間（年度）'),
  era: z
    .strictObject({ asOf: isoDate.optional() })
    .optional()
    .describe(
      '和暦の書き方: asOf は計画を書いた日。計画の文書はそれより後の年度・年月をその日の元号で書く（2019-03-01 なら2020年度は平成32年度）。実際の日付（公表日・回答期限など）はいつもその日の元号。省けば年度もすべてその年度の元号',
    ),
  departments: z.array(groupName).optional().describe('部局の名称の一覧。書けば、事業の department はこの中のどれかでなければならない（綴りの誤りを見つける）'),
  planSurvey: z
    .strictObject({
      request: prose.optional().describe('照会文（計画の照会用ブックの表紙に載せる）'),
      deadline: isoDate.optional().describe('回答期限'),
      contact: prose.optional().describe('問い合わせ先（担当課・担当者・電話・メール）'),
    })
    .optional()
    .describe('計画の照会用ブック（plan:export）の表紙: 照会文・回答期限・問い合わせ先'),
  numbering: z.enum(['global', 'per-section']).describe('事業番号: global（通し番号）または per-section（柱ごと）'),
  sections: z.array(SectionSchema).min(1),
  policyMeasures: z
    .array(z.strictObject({ id, mark: text, title: text }))
    .optional()
    .describe('官民データ活用の推進に関する施策（①〜⑤）'),
  figures: z.array(FigureSchema).optional().describe('図表: 番号は冊子に置かれた順に付く'),
  documents: z.strictObject({
    booklet: z
      .strictObject({
        notice: file.optional(),
        intro: file.optional(),
        references: file.optional(),
        sources: file.optional(),
      })
      .optional(),
    initiativeList: z
      .strictObject({
        measuresHeading: id.optional().describe('一覧の注記「…欄の丸数字は、Nページに記載の…」の頁: 施策を挙げた本文の見出しの名前（## 見出し {#名前}）'),
      })
      .optional(),
    results: z
      .strictObject({
        fiscalYears: z.array(fiscalYear).min(1),
        purpose: prose.optional().describe('【活動概要】: 計画が何のために策定されたか（「…として策定され」の「…」）'),
        notes: z.record(z.string(), prose).optional().describe('【活動概要】: 年度ごとの注記（括弧書き）'),
        publishedOn: z
          .union([isoDate, z.record(z.string().regex(/^\d{4}$/, say('year-key-2017')), isoDate)])
          .optional()
          .describe(
            '報告書の公表日（PDFと表紙の日付、その日の元号で書く）: 年度ごと（{"2017": "2018-06-01"}）、または全年度に一つの日付。日付のある年度は公表済みで、その年度の回答は --correction を付けたときだけ取り込む。日付のない年度は publish --date がその日付を書き込む',
          ),
        survey: surveyCover.describe('毎年度の照会用ブックの表紙: 照会文・回答期限・問い合わせ先'),
        achievementCategories: z
          .array(z.strictObject({ label: groupName, values: z.array(prose) }))
          .optional()
          .describe(
            '集計で目標の達成度をまとめる区分: values に書いた達成度の記載がその区分に数えられる（どれにも当たらないものは集計に数えず、報告書は未確定として作られる）',
          ),
        pillarNames: z.record(z.string(), text).optional().describe('【活動概要】で柱を呼ぶ名称（柱の節の番号 → 名称）。書かない柱は節の見出しのまま'),
      })
      .optional(),
    appendix: z.strictObject({}).optional(),
    progress: z
      .strictObject({
        fiscalYears: z.array(fiscalYear).min(1).describe('進ちょく状況を報告する年度（実績値を載せる年度）'),
        method: z.enum(['progress', 'ratio']).describe('達成率の計算: progress（基準値から目標値までの進み具合）または ratio（実績値 ÷ 目標値）'),
        levels: z
          .array(z.strictObject({ label: groupName, min: quantity.optional().describe('この区分に数える達成率（%）の下限。最後の区分は書かない') }))
          .min(1)
          .describe('指標の達成状況の区分（達成・概ね達成・未達成など）。上から順に、達成率が min 以上の最初の区分に数える'),
        grades: z
          .array(
            z.strictObject({
              label: groupName,
              meaning: name.optional().describe('評価の意味（順調など）'),
              min: quantity.optional().describe('目安とする達成率（%）の下限'),
            }),
          )
          .min(1)
          .describe('自己評価の段階（A・B・C・D など）'),
        outlooks: z.array(groupName).min(1).describe('今後の方向性の選択肢（継続・拡充・見直し・廃止など）'),
        publishedOn: z
          .union([isoDate, z.record(z.string().regex(/^\d{4}$/, say('year-key-2017')), isoDate)])
          .optional()
          .describe(
            '進ちょく状況の公表日: 年度ごと（{"2020": "2021-06-30"}）、または全年度に一つの日付。日付のある年度は公表済みで、その年度の指標の実績・自己評価は --correction を付けたときだけ取り込む。報告書の日付は最後の年度の日付、なければ最後の年度の翌年度の4月1日。new-year は一つの日付を年度ごとの形に書き換える',
          ),
        survey: surveyCover.describe('documents.results のないデータセットの照会用ブック（指標の実績・自己評価）の表紙: 照会文・回答期限・問い合わせ先'),
      })
      .optional(),
  }),
});

const asOfSchema = z.union([
  z.strictObject({ month: yearMonth }),
  z.strictObject({ fiscalYear, point: z.enum(['end', 'actual']) }),
  z.strictObject({ year: fiscalYear, point: z.literal('average') }),
]);

const measurement = z.strictObject({ asOf: asOfSchema, value: text });

// 進ちょく管理 (issue 22): an indicator keeps its published text and may gain a numeric form.
const unit = name.describe('単位');
/** 年度 as a key ("2018"), as results.<年度> has it */
const yearKey = z.string().regex(/^\d{4}$/, say('year-key-2018'));
const baselineSchema = measurement.extend({
  number: quantity.optional().describe('現状値（基準値）の数値。value の文字と同じ値を、単位を付けずに書く'),
  unit: unit.optional().describe('基準値の数値の単位が指標の unit と違うときだけ書く（違えば基準値からの達成率は計算できない）'),
});
const targetSchema = measurement.extend({
  number: quantity.optional().describe('目標値の数値（単位は指標の unit）'),
});
export const ActualSchema = z.strictObject({
  value: quantity.nullable().describe('その年度の実績値（単位は指標の unit）。null は未回答'),
  asOf: isoDate.optional().describe('実績値の時点（年-月-日）'),
  note: prose.optional().describe('実績値の注記（集計方法、見込み値であることなど）'),
});
export const IndicatorSchema = z.strictObject({
  name: text,
  baseline: baselineSchema,
  target: targetSchema,
  unit: unit.optional().describe('数値の単位。書くと指標は数値の形をもち、進ちょく状況の報告書に載る'),
  direction: z.enum(['増やす', '減らす']).optional().describe('値が増えるほうが良い（増やす）か、減るほうが良い（減らす）か'),
  yearlyTargets: z.record(yearKey, quantity).optional().describe('年度ごとの目標値（年度 → 数値）'),
  actuals: z.record(yearKey, ActualSchema).optional().describe('年度ごとの実績値'),
});

/** 自己評価 of one initiative for one fiscal year. */
export const EvaluationSchema = z.strictObject({
  grade: name.optional().describe('自己評価（documents.progress.grades の label のどれか）。空なら未回答'),
  reason: prose.optional().describe('未達成の理由'),
  outlook: name.optional().describe('今後の方向性（documents.progress.outlooks のどれか）'),
});

export const ScheduleSpanSchema = z.strictObject({
  from: fiscalYear,
  to: fiscalYear,
  label: text,
});

export const ResultSchema = z.strictObject({
  budget: z
    .number()
    .int(say('budget-integer'))
    .min(0, say('budget-negative'))
    .max(BUDGET_MAX, say('budget-too-large', { max: BUDGET_MAX.toLocaleString('en-US') }))
    .nullable(),
  achievement: prose.optional(),
  outcome: prose.optional(),
  isNew: z.boolean().optional(),
});

const relisting = z.union([id, z.strictObject({ section: id, after: id.optional().describe('この事業（id）の後に置く') })]);

export const InitiativeSchema = z.strictObject({
  $schema: name.optional(),
  no: z.number().int().min(1),
  title: text,
  listTitle: text.optional().describe('主な取組一覧での事業名。公表版の一覧が第2章と違う名前で載せるときだけ書く。省けば title'),
  department: groupName,
  division: z.union([groupName, z.array(groupName).min(1)]),
  section: id,
  relistedIn: z.array(relisting).optional(),
  description: prose.optional(),
  schedule: z.array(ScheduleSpanSchema).optional(),
  secondaryGoals: z.array(id).optional(),
  indicators: z.array(IndicatorSchema).optional(),
  policyMeasures: z.array(id).optional(),
  isNew: z.boolean().optional(),
  figures: z.array(id).optional().describe('事業の説明の後に置く図（dataset.json の figures の id）'),
  results: z.record(z.string().regex(/^\d{4}$/, say('year-key-2017')), ResultSchema).optional(),
  evaluation: z.record(yearKey, EvaluationSchema).optional().describe('年度ごとの自己評価・未達成の理由・今後の方向性'),
});

export const GlossarySchema = z.array(z.strictObject({ term: text, definition: longText, aliases: z.array(text).optional() }));

export const SitesSchema = z.array(
  z.strictObject({
    kind: text,
    name: text,
    department: groupName,
    division: optionalGroupName.optional(),
    description: longText,
    url: prose.optional(),
  }),
);

export type Dataset = z.infer<typeof DatasetSchema>;
export type Initiative = z.infer<typeof InitiativeSchema>;
export type ScheduleSpan = z.infer<typeof ScheduleSpanSchema>;
export type Result = z.infer<typeof ResultSchema>;
export type GlossaryEntry = z.infer<typeof GlossarySchema>[number];
export type Site = z.infer<typeof SitesSchema>[number];
export type Figure = z.infer<typeof FigureSchema>;
export type Indicator = NonNullable<Initiative['indicators']>[number];
export type Actual = z.infer<typeof ActualSchema>;
export type Evaluation = z.infer<typeof EvaluationSchema>;
export type ProgressSettings = NonNullable<Dataset['documents']['progress']>;
export type AsOf = Indicator['baseline']['asOf'];

/** A data set after validation: every file parsed and checked. */
export interface Model {
  dir: string;
  dataset: Dataset;
  /** by id (the file name), sorted by id */
  initiatives: { id: string; file: string; data: Initiative }[];
  glossary: GlossaryEntry[];
  sites: Site[];
  /** text/*.md.hbs by relative path */
  texts: Record<string, string>;
  /** figures/** by relative path */
  figures: Record<string, Buffer>;
}
