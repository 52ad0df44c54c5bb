// What validation says about a figure's bytes, in the words of a data keeper.
const fix = '画像を作り直すか、別の形式で保存し直してください';
export const figureMessages = {
  notPng: `PNG の形式になっていません（拡張子が .png でも中身が違います）。${fix}`,
  notJpeg: `JPEG の形式になっていません（拡張子が .jpg でも中身が違います）。${fix}`,
  truncated: (kind: string) => `${kind} のファイルが途中で切れています（コピーや保存が最後まで終わっていないようです）。${fix}`,
  corrupt: (kind: string, what: string) => `${kind} のファイルが壊れています（${what}）。${fix}`,
  unsupported: (kind: string, what: string) => `この ${kind} は印刷できません（${what}）。${fix}`,
  tooManyPixels: (w: number, h: number, limit: number) => `画像が大きすぎます（${w}×${h} 画素。上限は ${limit / 1e6} メガ画素です）。解像度を下げてください`,
  notUtf8: 'SVG の文字コードが UTF-8 ではありません。UTF-8 で保存し直してください',
  malformed: (what: string) => `SVG（XML）の書き方の誤り: ${what}`,
  notSvgRoot: (name: string) => `SVG の一番外側の要素が <svg> ではありません（<${name}>）`,
  noRoot: 'SVG に <svg> 要素がありません',
  doctype: 'SVG に DOCTYPE（<!DOCTYPE …>、<!ENTITY …>）は書けません。消してください',
  tooDeep: (limit: number) => `SVG の要素の入れ子が深すぎます（${limit} 段まで）`,
  tooManyElements: (limit: number) => `SVG の描く要素が多すぎます（<use> や url(#…) の参照を展開すると ${limit.toLocaleString('en-US')} 個を超えます）`,
  noSize: 'SVG の大きさがわかりません。<svg> に正の width と height、または viewBox="0 0 幅 高さ" を書いてください',
  badViewBox: (v: string) => `SVG の viewBox="${v}" は「最小x 最小y 幅 高さ」の4つの数（幅と高さは正）にしてください`,
  image: (element: string, href: string) => `SVG の中の画像（<${element} href="${href}">）は使えません。画像は figures/ に置き、本文から直接指定してください`,
  external: (what: string) => `SVG の中から外のファイルや URL は参照できません（${what}）。同じ SVG の中の #id だけが使えます`,
};

/** A figure that cannot be printed: the message, and where in an SVG's text if known. */
export class FigureError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** The limits every figure is held to, so that a build's memory stays bounded. */
export const FIGURE_LIMITS = {
  /** pdfkit decodes a PNG with transparency whole, several bytes a pixel, more than once */
  pixels: 40e6,
  /** svg-to-pdfkit parses and draws elements recursively */
  svgDepth: 200,
  /** elements drawn, <use> and url(#id) counted as often as they draw their target (100,000 took 18 s and 1.3 GB to draw) */
  svgElements: 20_000,
};
