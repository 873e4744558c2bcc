/** Display policy read from the environment, shared by plain output and the workbench. */

/** Whether the locale promises UTF-8 and the terminal is not "dumb"; otherwise draw in ASCII. */
export function prefersUnicode(env: NodeJS.ProcessEnv): boolean {
  if (env.TERM === 'dumb') return false;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return locale === '' || /utf-?8/i.test(locale);
}

/** Colour is off with NO_COLOR set to anything non-empty (no-color.org) and on dumb terminals. */
export function colorAllowed(env: NodeJS.ProcessEnv): boolean {
  return (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}
