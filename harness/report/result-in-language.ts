import type { GradeResult } from "../kernel/result.ts";
import type { Lang } from "../kernel/text.ts";

/** A part of the result that may carry its sentences in every language. */
type Worded<Part> = Part & { readonly texts?: Readonly<Record<Lang, Partial<Part>>> };

function inLang<Part>(part: Worded<Part>, lang: Lang): Part {
  return part.texts === undefined ? part : { ...part, ...part.texts[lang] };
}

/**
 * The result as a run asked in `lang` would have written it: every sentence in that language, `lang`
 * set to it, the `texts` kept. The one place a language is chosen: the formats render what this
 * returns. A part without `texts` (a result upgraded from 1.3) keeps its one language.
 */
export function resultIn(result: GradeResult, lang: Lang): GradeResult {
  if (lang === result.lang) return result;
  const { failure } = result;
  return {
    ...result,
    lang,
    exercise: inLang(result.exercise, lang),
    checks: result.checks.map((check) => inLang(check, lang)),
    ...(result.findings === undefined ? {} : { findings: result.findings.map((finding) => inLang(finding, lang)) }),
    ...(failure === undefined
      ? {}
      : {
          failure: {
            ...inLang(failure, lang),
            ...(failure.violations === undefined ? {} : { violations: failure.violations.map((refused) => inLang(refused, lang)) }),
          },
        }),
  };
}
