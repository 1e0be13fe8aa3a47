import { z } from "zod";
import { quote } from "./input-error.js";

/**
 * Value types people write in YAML: shares as "30%" (or 0.3), signed percentages for growth,
 * ISO dates, whole numbers of beds. Each failure says what was expected and how to write it.
 */

function parsePercent(value: number | string): number | string {
  if (typeof value === "number") return value;
  const match = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (!match)
    return `${quote(value)} is not a percentage; write it like "30%" or as a fraction like 0.3`;
  return Number(match[1]) / 100;
}

const percentInput = z.union([z.number(), z.string()], {
  error: 'expected a percentage like "30%" or a fraction like 0.3',
});

/** A share of people: 0% to 100%. */
export const share = percentInput.transform((value, ctx) => {
  const parsed = parsePercent(value);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  if (typeof value === "number" && value > 1) {
    ctx.addIssue({
      code: "custom",
      message: `${value} is more than 1; write a percentage in quotes like "${value}%" or a fraction like ${value / 100}`,
    });
    return z.NEVER;
  }
  if (!(parsed >= 0 && parsed <= 1)) {
    ctx.addIssue({ code: "custom", message: `a share must be between 0% and 100% (got ${value})` });
    return z.NEVER;
  }
  return parsed;
});

/** A multiplier written as a percentage: "50%" halves, "120%" adds a fifth. */
export const factor = percentInput.transform((value, ctx) => {
  const parsed = parsePercent(value);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  if (!(parsed >= 0) || parsed > 100) {
    ctx.addIssue({
      code: "custom",
      message: `a scaling must be between 0% and 10000% (got ${value}); "50%" halves, "120%" adds a fifth`,
    });
    return z.NEVER;
  }
  return parsed;
});

/** A yearly growth rate, which may be negative: "1.5%" or "-2%". */
export const growth = percentInput.transform((value, ctx) => {
  const parsed = parsePercent(value);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  if (!(parsed > -0.5 && parsed < 1)) {
    ctx.addIssue({
      code: "custom",
      message: `yearly growth must be between -50% and 100% (got ${value}); write it like "1.5%"`,
    });
    return z.NEVER;
  }
  return parsed;
});

/** An ISO calendar date, kept as the string "YYYY-MM-DD". */
export const isoDate = z
  .string({ error: "expected a date written like 2027-04-01" })
  .refine((text) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, "not a real date; write it as year-month-day like 2027-04-01");

export const wholeNumber = (what: string, max = 1_000_000) =>
  z
    .number({ error: `expected a whole number of ${what}` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} above ${max.toLocaleString("en-GB")} is not plausible; check the units`);

export const days = (what: string, max = 36_500) =>
  z
    .number({ error: `expected ${what} as a number of days` })
    .min(0, `${what} cannot be negative`)
    .max(
      max,
      `${what} above ${max.toLocaleString("en-GB")} days is not plausible; check the units`,
    );

export const money = (what: string) =>
  z
    .number({ error: `expected ${what} in pounds as a plain number, like 250000` })
    .min(0, `${what} cannot be negative`)
    .max(1e10, `${what} above £10bn is not plausible; check the units`);

/** Ids are referred to elsewhere in the files, so keep them simple. */
export const id = z
  .string({ error: "expected an id (letters, digits and underscores)" })
  .regex(
    /^[a-z][a-z0-9_]*$/i,
    "an id may use only letters, digits and underscores, starting with a letter",
  );

/** A scenario's name, used for its output folder: ids, but hyphens are fine too. */
export const scenarioName = z
  .string({ error: "expected a name (letters, digits, hyphens and underscores)" })
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/i,
    "a scenario name may use only letters, digits, hyphens and underscores, starting with a letter or digit",
  );
