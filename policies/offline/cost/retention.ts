/** How long a store keeps a month's data, in months, and the sentence an assumption shows for it. */
import { SECONDS_PER_MONTH } from "./values";

/** Months of logs, archived events or documents a store that never expires is shown holding. */
export const NEVER_EXPIRES_MONTHS = 12;

/** Months a month's data stays at `days` of retention (0 or unset: never expires). */
export const retentionMonths = (days: number | undefined): number =>
  days === undefined || days === 0 ? NEVER_EXPIRES_MONTHS : (days * 86_400) / SECONDS_PER_MONTH;

export const retentionText = (days: number | undefined): string =>
  days === undefined || days === 0
    ? `never expires: shown after ${NEVER_EXPIRES_MONTHS} months`
    : `${days}-day retention`;
