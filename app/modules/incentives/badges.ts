// The badges (decision 032): rules written in code, each with a plain-language statement HR
// reads on /rewards/rules (rewards.badges.<KEY>.rule, both languages). A badge is awarded once
// per person (BadgeAward's unique key), in the transaction of the event that earns it, while
// its BadgeRule row is switched on.

/** The badges that can be awarded today. */
export const AWARDABLE_BADGES = [
  "FIRST_IDEA_IMPLEMENTED",
  "FIVE_COURSES",
  "PERFECT_QUIZ",
  "TEN_KUDOS_GIVEN",
  "FIRST_KUDOS_RECEIVED",
  "INITIATIVE_COURSES",
] as const;
export type AwardableBadge = (typeof AWARDABLE_BADGES)[number];

/**
 * Badges whose rule needs something that does not exist yet: listed for HR with what they
 * wait for, never awarded. None today (INITIATIVE_COURSES arrived with issue 15).
 */
export const COMING_BADGES: Partial<Record<string, string>> = {};

/** Every badge, in the order HR reads them. */
export const BADGE_KEYS = [...AWARDABLE_BADGES] as const;
export type BadgeKey = (typeof BADGE_KEYS)[number];

/** Thresholds the rules count to. */
export const BADGE_THRESHOLDS = { coursesCompleted: 5, kudosGiven: 10 } as const;

export const isBadgeKey = (value: string): value is BadgeKey =>
  (BADGE_KEYS as readonly string[]).includes(value);

export const isAwardableBadge = (value: string): value is AwardableBadge =>
  (AWARDABLE_BADGES as readonly string[]).includes(value);

/** The i18n key of a badge's name (also the notification's `badgeKey` parameter). */
export const badgeNameKey = (key: string) => `rewards.badges.${key}.name`;
/** The i18n key of a badge's rule in plain language. */
export const badgeRuleKey = (key: string) => `rewards.badges.${key}.rule`;

/** An emblem per badge, shown beside its name. */
export const BADGE_ICONS: Record<BadgeKey, string> = {
  FIRST_IDEA_IMPLEMENTED: "💡",
  FIVE_COURSES: "🎓",
  PERFECT_QUIZ: "💯",
  TEN_KUDOS_GIVEN: "🤝",
  FIRST_KUDOS_RECEIVED: "🌟",
  INITIATIVE_COURSES: "🧭",
};
