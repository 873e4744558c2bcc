/** Word lists that decide what a capitalised run is: titles, words that name no one, and words of organisations and places. */

/** Roles and titles that stand before a name and are not part of it. */
export const ROLES: ReadonlySet<string> = new Set(
  `spokeswoman spokesman spokesperson spokespeople minister president vice director secretary chairman
  chairwoman chair ceo chief executive official senator sen representative rep governor gov mayor
  ambassador envoy analyst professor prof dr mr mrs ms miss general gen commissioner head leader
  founder adviser advisor researcher economist lawyer attorney judge justice premier king queen prince
  princess sheikh pope cardinal bishop rev colonel col captain capt lieutenant lt sergeant sgt officer
  inspector detective coach manager editor reporter correspondent author candidate deputy assistant
  member lawmaker congressman congresswoman councillor councilman councilwoman diplomat chancellor
  sir lord lady dame father sister brother pro tem tempore speaker whip commodore admiral adm commander cmdr
  maj det insp cpl pvt corporal agent doctor gm cfo cto coo undersheriff historian prosecutor producer journalist showrunner
  owner developer resident neighbour neighbor star actor actress singer writer host anchor columnist comedian sheriff trooper constable const superintendent chief reverend rev rabbi imam pastor
  quarterback linebacker cornerback fullback halfback back receiver lineman tackle pitcher catcher shortstop outfielder infielder
  goalkeeper goalie striker defender midfielder winger player teammate jockey golfer boxer referee umpire coordinator scout trainer skipper`.split(/\s+/),
);

/** Capitalised words that do not name anyone: sentence openers, days ("Wed May 5" of a dateline), months, a verb opening an inverted attribution ("Added Gibbs:"). */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  `the a an in on at but and or if when while as after before since this that these those there it
  its he she they we i you his her their our according however meanwhile nonetheless also so then yet
  for from with by to of many some most all both each every no not now here amid despite during under
  over among through without within about against into like after until unlike
  monday tuesday wednesday thursday friday saturday sunday january february march april june july
  august september october november december mon tue tues wed thu thur thurs fri
  said says added asked told continued wrote noted finally still instead indeed separately elsewhere later
  earlier yet who what where why how once plus whether though although because unless whereas`.split(/\s+/),
);

/** Words that make a name an organisation's or a place's rather than a person's. */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set(
  `ministry party commission committee institute inc corp corporation company department agency council
  association university bank group office government union organization organisation times news post
  press reuters service services administration court police army force forces senate house congress
  parliament foundation center centre network league federation authority board club
  states kingdom nations republic liberties county city province
  hotel tower towers building plaza street avenue road square airport station stadium arena fort mount
  river island beach cafe restaurant school college hospital museum casino resort mall
  advisers advisors partners associates holdings llc ltd plc`.split(/\s+/),
);

/** A member of a party, capitalised: a description before a name ("Republican Mitt Romney"), never a name alone. */
export const PARTY_MEMBERS: ReadonlySet<string> = new Set(['democrat', 'republican', 'libertarian', 'conservative', 'liberal', 'socialist', 'tory']);

/**
 * US states and their AP and postal abbreviations, lower case without dots: the state after a city
 * in a dateline or an apposition ("in Columbus, Ohio,", "of Peoria, Ill.,") is a place, not a speaker.
 */
export const US_STATES: ReadonlySet<string> = new Set(
  `alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
  indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
  nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
  new_hampshire new_jersey new_mexico new_york north_carolina north_dakota south_carolina south_dakota west_virginia rhode_island
  ala ariz az ark calif cal colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev nh nj nm ny
  nc nd okla ore pa ri sc sd tenn tex vt va wash wva wis wyo dc ak al ar ca co ct de fl hi ia id il in ks me mi mn ms mt
  ne oh ok or sd tn tx ut wa wi wv wy`
    .split(/\s+/)
    .map((state) => state.replace('_', ' ')),
);

/** State codes that are also names or words: "in Cairo, Al said" names Al; "AL" would be Alabama. */
export const WORDLIKE_STATE_CODES: ReadonlySet<string> = new Set(['al', 'me', 'ok', 'hi', 'co', 'in', 'or', 'oh', 'de', 'id', 'mo']);

/** Particles of surnames, capitalised when they open a sentence ("De Clercq", "Van Liemt", "Du Plessis"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'du', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'le', 'la', 'al', 'bin', 'ibn']);
