/** The course is taught in French and English: every sentence a user reads exists in both. */
export type Lang = "fr" | "en";

export const LANGS: readonly Lang[] = ["fr", "en"];

export interface Text {
  readonly fr: string;
  readonly en: string;
}

export function text(fr: string, en: string): Text {
  return { fr, en };
}

/** The same words in both languages: numbers, paths, commands. */
export function verbatim(value: string): Text {
  return { fr: value, en: value };
}

export function localize(value: Text, lang: Lang): string {
  return value[lang];
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** `fr_FR.UTF-8` -> fr; anything that is not French reads English. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith("fr") ? "fr" : "en";
}
