/** Weekday and month names as news text writes them (capitalised; abbreviations without their dot). */

export const WEEKDAYS: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

/** "May" has no shorter form; September has two. */
export const MONTH_ABBREVIATIONS: readonly string[] = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'];

/** Weekdays as datelines and stamps shorten them ("Thu 6 May 2010", "Tues."). */
export const WEEKDAY_ABBREVIATIONS: readonly string[] = ['Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun'];
