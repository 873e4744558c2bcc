/**
 * Function words left out when texts are compared by their content words. Quotes and claims share
 * one base list; each adds the words its own comparison found to be noise (tuned separately on
 * the development sets, so each keeps its own extension).
 */

/** Pronouns, articles, auxiliaries, prepositions and the commonest reporting verbs. */
const FUNCTION_WORDS = `a an and are as at be been being but by can could did do does for from had has have he her hers
  him his i if in into is it its itself me my no nor not of on or our ours out over she should so such than that the
  their theirs them then there these they this those to too under until up very was we were what when where which
  while who whom why will with would you your also said says say just only other same both each own all any us`.split(/\s+/);

/** Quotes: wording is what identifies a quotation, so more function words (and contractions) drop out. */
export const QUOTE_STOPWORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...`about above after again against am because before below between doing down during few further having here
  herself himself how more most myself off once ourselves some through yours yourself themselves it's that's there's`.split(/\s+/),
]);

/** Claims: how a claim is reported ("told", "according to", "saying") says nothing about what it states. */
export const CLAIM_STOPWORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, 'saying', 'told', 'tell', 'according', 'one']);
