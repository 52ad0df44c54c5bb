// The files the errata command adds to a data set's output: a build keeps them in the set.
export const ERRATA_FILES = ['errata.pdf', 'errata.xlsx'];
