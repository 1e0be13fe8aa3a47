// The same last bit as the CLI. Chromium's V8 rounds Math.exp and Math.log differently from
// Node 20's in about one result in ten (measured: 19,551 of 200,000 exp results differ in the
// last bit), which is enough to make a run's KPIs differ in their last digits. stdlib's
// JavaScript versions of these functions give exactly Node 20's results (0 of 200,000
// differ), so the page uses them, and the same seed gives the CLI's numbers to the last digit.
// Powers (`**`, Math.pow) differ too, in 5-10% of results, and cannot be replaced from here
// (the operator calls no property of Math): so the engine draws through exp and log instead
// (src/engine/power.ts), and these replacements reach every distribution.
import exp from "@stdlib/math-base-special-exp";
import expm1 from "@stdlib/math-base-special-expm1";
import ln from "@stdlib/math-base-special-ln";
import log1p from "@stdlib/math-base-special-log1p";

Math.exp = exp;
Math.expm1 = expm1;
Math.log = ln;
Math.log1p = log1p;
