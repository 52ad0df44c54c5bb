// Units that count whole things (人, 件, 団体, 箇所, 市町村…): an indicator counted in one of them
// never has a fraction, so one is most likely a slip (survey:import warns, survey:status asks).
const COUNT_UNIT = /^(人|名|者|件|回|団体|箇所|か所|ヶ所|カ所|市町村|市|町|村|校|社|台|施設|本|手続|事業|戸|世帯|店舗|機関|部署|所属)$/;

export const countsWholeThings = (unit: string | undefined): boolean => unit !== undefined && COUNT_UNIT.test(unit.trim());
