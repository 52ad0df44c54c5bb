// Figures in half-width, as the documents print every number: what departments type with a
// Japanese IME (「３５市町村」「延べ１，２３４人」) is stored as the plan prints it.

/**
 * A text with its figures in half-width (「３５市町村」 is 「35市町村」): full-width digits and Latin
 * letters, and the point, comma and percent sign of a number. The rest of the text stays as typed.
 */
export const halfWidthFigures = (text: string) =>
  text
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => c.normalize('NFKC'))
    .replace(/(?<=\d)[．，](?=\d)/g, (c) => (c === '．' ? '.' : ','))
    .replace(/(?<=\d)％/g, '%');
