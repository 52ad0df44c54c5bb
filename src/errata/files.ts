// The files the errata command adds to a data set's output: a build keeps them in the set.
export const ERRATA_FILES: readonly [pdf: string, xlsx: string] = ['errata.pdf', 'errata.xlsx'];
