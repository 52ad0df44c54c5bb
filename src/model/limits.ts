// Length limits of the data format, in characters: they keep a build bounded.
export const TITLE_MAX = 200;
export const TEXT_MAX = 20000;
