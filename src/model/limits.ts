// Length limits of the data format, in characters: they keep a build bounded.
export const TITLE_MAX = 200;
export const TEXT_MAX = 20000;
/** A text file (text/**) longer than this is refused before it is parsed (a whole chapter is far shorter). */
export const TEXT_FILE_MAX = 200_000;
