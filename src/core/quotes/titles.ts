/** Quotations that are titles or names in use, not anyone's words. */

/** The words of a quotation, contractions kept whole. */
export function quoteWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** A quotation in title case is a title or a name ("Million Dollar Mermaid", "Face the Nation"), not anyone's words. */
export function isTitle(text: string): boolean {
  const words = quoteWords(text);
  return words.some((word) => word.length > 3) && words.every((word) => word.length <= 3 || /^\p{Lu}/u.test(word));
}
